import { useEffect, useRef, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import Field from '../../../components/field'
import PageState, { stateOf } from '../../../components/page-state'
import PhotoPicker from '../../../components/photo-picker'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { NUMBER_INPUT, numberFrom } from '../../../logic/numbers'
import { byField, day, endOfDay, pickerDate, ProjectPaths, yuan } from '../../../logic/project'
import { api, ApiError, messageOf } from '../../../services/api'
import { validate } from '../../../services/validate'
import { useStores } from '../../../stores'
import { discardFormDraft, readFormDraft, saveFormDraft } from '../../../stores/drafts'
import { newRequestId } from '../../../stores/order-form'
import '../project.scss'

interface BidFields {
  plan: string
  resources: string
  milestones: { title: string; due: string }[]
  budget: string
  attachments: string[]
}

const EMPTY: BidFields = { plan: '', resources: '', milestones: [{ title: '', due: '' }], budget: '', attachments: [] }

const hasContent = (f: BidFields) =>
  Boolean(f.plan?.trim() || f.resources?.trim() || f.budget?.trim() || f.attachments?.length || f.milestones?.some((m) => m.title.trim()))

const draftKey = (openid: string, projectId: string) => `honglin:bid-draft:${openid}:${projectId}`

/**
 * 揭榜方案: a unit contact writes or edits the unit's bid. What is typed is kept on the device
 * until it is sent, with the request id it will be sent with, so a failed submit loses nothing
 * and its retry cannot make a second bid.
 */
function BidPage() {
  const { session, storage } = useStores()
  const { params } = useRouter()
  const projectId = decodeURIComponent(params.projectId ?? '')
  const req = useRequest(
    async () => {
      const [project, bids] = await Promise.all([api('project', 'get', { id: projectId }), api('project', 'bids', { projectId })])
      const mine = bids.items.find((b) => b._id === project.myBidId && b.status === 'live')
      return { project, mine }
    },
    [projectId, session.openid],
    { enabled: session.ready && !!projectId },
  )
  const [fields, setFields] = useState<BidFields>(EMPTY)
  const [requestId, setRequestId] = useState(() => newRequestId())
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState('')
  const [busy, setBusy] = useState(false)
  const [offerDraft, setOfferDraft] = useState(false)
  const started = useRef(false)
  const key = draftKey(session.openid, projectId)

  // The unit's live bid fills the form; a draft on this device is offered on top of it.
  useEffect(() => {
    if (!req.data || started.current) return
    started.current = true
    const mine = req.data.mine
    if (mine)
      setFields({
        plan: mine.plan,
        resources: mine.resources,
        milestones: mine.timeline.map((m) => ({ title: m.title, due: pickerDate(m.due) })),
        budget: mine.budget !== undefined ? String(mine.budget) : '',
        attachments: mine.attachments ?? [],
      })
    if (readFormDraft<BidFields>(storage, key, hasContent)) setOfferDraft(true)
  }, [req.data, key, storage])

  function set(patch: Partial<BidFields>) {
    const next = { ...fields, ...patch }
    setFields(next)
    setFailure('')
    const changed = Object.keys(patch)
    if (changed.some((k) => errors[k])) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !changed.includes(k))))
    saveFormDraft(storage, key, { fields: next, requestId }, hasContent)
  }
  const setMilestone = (i: number, patch: Partial<BidFields['milestones'][number]>) =>
    set({ milestones: fields.milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)) })

  function resume(yes: boolean) {
    const draft = readFormDraft<BidFields>(storage, key, hasContent)
    if (yes && draft) {
      setFields({ ...EMPTY, ...draft.fields })
      setRequestId(draft.requestId)
    } else discardFormDraft(storage, key)
    setOfferDraft(false)
  }

  function fieldsInput() {
    const budget = numberFrom(fields.budget)
    return {
      plan: fields.plan,
      resources: fields.resources,
      timeline: fields.milestones
        .filter((m) => m.title.trim() || m.due.trim())
        .map((m) => ({ title: m.title.trim(), due: /^\d{4}-\d{2}-\d{2}$/.test(m.due.trim()) ? endOfDay(m.due.trim()) : NaN })),
      ...(budget !== undefined ? { budget } : {}),
      attachments: fields.attachments,
    }
  }

  async function submit() {
    if (busy) return
    setFailure('')
    const mine = req.data?.mine
    try {
      if (mine) validate('project', 'updateBid', { bidId: mine._id, ...fieldsInput() })
      else validate('project', 'bid', { projectId, requestId, ...fieldsInput() })
    } catch (error) {
      if (error instanceof ApiError) setErrors(byField(error.fields))
      setFailure('请按提示修改后再提交')
      return
    }
    setBusy(true)
    try {
      if (mine) await api('project', 'updateBid', { bidId: mine._id, ...fieldsInput() })
      else await api('project', 'bid', { projectId, requestId, ...fieldsInput() })
      discardFormDraft(storage, key)
      void Taro.showToast({ title: '方案已提交', icon: 'success' })
      void Taro.redirectTo({ url: ProjectPaths.detail(projectId) })
    } catch (error) {
      // Kept as typed, with the same request id: the retry is the same bid.
      if (error instanceof ApiError && Object.keys(error.fields).length) setErrors(byField(error.fields))
      setFailure(`${messageOf(error)}。填写的内容已保存在本机，可以直接重试。`)
    } finally {
      setBusy(false)
    }
  }

  const project = req.data?.project
  return (
    <Screen>
      <PageState {...stateOf(session, req)} empty={!!req.data && !project} emptyText="没有找到这个任务书">
        {project && (
          <View>
            {offerDraft && (
              <View className="card draft-choice">
                <Text className="draft-choice__title">上次还有没提交的方案</Text>
                <View className="action-bar">
                  <Button className="action-bar__btn" size="large" type="primary" onClick={() => resume(true)}>
                    继续上次填写
                  </Button>
                  <Button className="action-bar__btn" size="large" fill="outline" onClick={() => resume(false)}>
                    重新填写
                  </Button>
                </View>
              </View>
            )}
            <View className="card">
              <Text className="project-card__title">{project.title}</Text>
              <Text className="project-card__meta">
                揭榜截止 {day(project.bidDeadline)}
                {project.budget !== undefined ? ` · 预算 ${yuan(project.budget)}` : ''}
              </Text>
              <Text className="project-card__meta">评分标准：{project.criteria.map((c) => `${c.name} ${c.weight}%`).join('、')}</Text>
            </View>
            <Field label="实施方案" required error={errors.plan} count={{ length: fields.plan.length, max: 3000 }}>
              <Textarea
                className="textarea"
                value={fields.plan}
                maxlength={6000}
                placeholder="怎么做、分几步、达到什么效果"
                onInput={(e) => set({ plan: e.detail.value })}
              />
            </Field>
            <Field label="投入的人员和资源" required error={errors.resources}>
              <Textarea
                className="textarea"
                value={fields.resources}
                placeholder="如：党员电工 4 名、检修车 1 辆"
                onInput={(e) => set({ resources: e.detail.value })}
              />
            </Field>
            <Field label="进度安排（里程碑）" required error={errors.timeline}>
              {fields.milestones.map((m, i) => (
                <View key={i} className="milestone">
                  <Input
                    className="input milestone__title"
                    value={m.title}
                    placeholder="里程碑，如：完成入户摸排"
                    onInput={(e) => setMilestone(i, { title: e.detail.value })}
                  />
                  <Input
                    className="input milestone__date"
                    value={m.due}
                    placeholder="完成日期 年-月-日"
                    onInput={(e) => setMilestone(i, { due: e.detail.value })}
                  />
                </View>
              ))}
              <Text className="add-link" onClick={() => set({ milestones: [...fields.milestones, { title: '', due: '' }] })}>
                + 添加里程碑
              </Text>
            </Field>
            <Field label="预算（元，可不填）" error={errors.budget}>
              <Input
                className="input"
                {...NUMBER_INPUT}
                value={fields.budget}
                placeholder="本单位需要的经费"
                onInput={(e) => set({ budget: e.detail.value })}
              />
            </Field>
            <Field label="附件（图片，可不传）" error={errors.attachments}>
              <PhotoPicker value={fields.attachments} onChange={(attachments) => set({ attachments })} folder="bids" max={6} />
            </Field>
            {failure && <Text className="form-failure">{failure}</Text>}
            <View className="bottom-bar">
              <Button block size="large" type="primary" disabled={busy} onClick={() => void submit()}>
                {busy ? '提交中…' : req.data?.mine ? '保存修改' : '提交揭榜方案'}
              </Button>
            </View>
            <Text className="hint">截止前可以修改或撤回方案；截止后交大党委评审。</Text>
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(BidPage)
