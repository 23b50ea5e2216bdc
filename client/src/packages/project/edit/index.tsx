import { useEffect, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import Chips from '../../../components/chips'
import Field from '../../../components/field'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { NUMBER_INPUT, numberFrom } from '../../../logic/numbers'
import { byField, DEFAULT_CRITERIA, deadlineChoices, endOfDay, pickerDate, ProjectPaths, weightSum } from '../../../logic/project'
import { api, ApiError, messageOf } from '../../../services/api'
import { validate } from '../../../services/validate'
import { useStores } from '../../../stores'
import { newRequestId } from '../../../stores/order-form'
import '../project.scss'

interface CriterionRow {
  name: string
  weight: string
  max: string
}

interface Form {
  title: string
  goal: string
  detail: string
  budget: string
  deadline: string
  criteria: CriterionRow[]
}

const EMPTY: Form = {
  title: '',
  goal: '',
  detail: '',
  budget: '',
  deadline: '',
  criteria: DEFAULT_CRITERIA.map((c) => ({ name: c.name, weight: String(c.weight), max: String(c.max) })),
}

/** 编辑任务书: staff draft a project from needs or demands, then save it or publish it. */
function EditPage() {
  const { session } = useStores()
  const { params } = useRouter()
  const id = params.id
  const demandIds = (params.demandIds ? decodeURIComponent(params.demandIds) : '').split(',').filter(Boolean)
  const needIds = (params.needIds ? decodeURIComponent(params.needIds) : '').split(',').filter(Boolean)
  const communityId = params.communityId
    ? decodeURIComponent(params.communityId)
    : (session.activeGrant?.communityId ?? session.communityId ?? '')
  const req = useRequest(() => (id ? api('project', 'get', { id }) : Promise.resolve(null)), [id, session.openid], {
    enabled: session.ready,
  })
  const [form, setForm] = useState<Form>(EMPTY)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState('')
  const [busy, setBusy] = useState('')
  // One request id per form: a create retried after a lost answer is the same project.
  const [requestId] = useState(() => newRequestId())

  useEffect(() => {
    const p = req.data
    if (!p) return
    setForm({
      title: p.title,
      goal: p.goal,
      detail: p.detail,
      budget: p.budget !== undefined ? String(p.budget) : '',
      deadline: pickerDate(p.bidDeadline),
      criteria: p.criteria.map((c) => ({ name: c.name, weight: String(c.weight), max: String(c.max) })),
    })
  }, [req.data])

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '修改任务书' : '新建任务书' })
  }, [id])

  // 转为项目 from one demand: its words start the draft; staff reword them as a 任务书.
  const [source, setSource] = useState('')
  const fromDemand = !id && needIds.length === 0 && demandIds.length === 1 ? demandIds[0]! : ''
  useEffect(() => {
    if (!fromDemand || !session.ready) return
    let live = true
    api('demand', 'get', { id: fromDemand })
      .then((d) => {
        if (!live) return
        setSource(d.title)
        setForm((f) => ({ ...f, title: f.title || d.title, detail: f.detail || d.detail }))
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [fromDemand, session.ready])

  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }))
    setFailure('')
    const changed = Object.keys(patch)
    if (changed.some((k) => errors[k])) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !changed.includes(k))))
  }
  const setCriterion = (i: number, patch: Partial<CriterionRow>) =>
    set({ criteria: form.criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)) })

  function input() {
    const criteria = form.criteria.map((c) => ({ name: c.name.trim(), weight: numberFrom(c.weight) ?? NaN, max: numberFrom(c.max) ?? NaN }))
    const budget = numberFrom(form.budget)
    const bidDeadline = /^\d{4}-\d{2}-\d{2}$/.test(form.deadline) ? endOfDay(form.deadline) : NaN
    return {
      title: form.title,
      goal: form.goal,
      detail: form.detail,
      ...(budget !== undefined ? { budget } : {}),
      bidDeadline,
      criteria,
    }
  }

  /** Errors by field as the function would answer them, before anything is sent. */
  function check(): boolean {
    try {
      if (id) validate('project', 'update', { id, ...input() })
      else validate('project', 'create', { communityId, demandIds, needIds, requestId, ...input() })
      setErrors({})
      return true
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {}
      setErrors(byField(fields))
      setFailure(error instanceof ApiError && !Object.keys(fields).length ? error.message : '请按提示修改后再保存')
      return false
    }
  }

  async function save(publish: boolean) {
    if (busy || !check()) return
    setBusy(publish ? 'publish' : 'save')
    setFailure('')
    try {
      const saved = id
        ? await api('project', 'update', { id, ...input() })
        : await api('project', 'create', { communityId, demandIds, needIds, requestId, ...input() })
      const projectId = saved._id
      if (publish) {
        const ask = await Taro.showModal({
          title: '发布任务书',
          content: '发布后共建单位即可揭榜，任务书的评分标准不能再修改。',
          confirmText: '发布',
          cancelText: '先不发布',
        })
        if (ask.confirm) await api('project', 'publish', { id: projectId })
      }
      void Taro.showToast({ title: publish ? '已发布' : '已保存', icon: 'success' })
      void Taro.redirectTo({ url: ProjectPaths.detail(projectId) })
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length) setErrors(byField(error.fields))
      setFailure(messageOf(error))
    } finally {
      setBusy('')
    }
  }

  const sum = weightSum(form.criteria.map((c) => numberFrom(c.weight) ?? 0))
  return (
    <Screen>
      <PageState {...stateOf(session, req)} empty={false}>
        {(needIds.length > 0 || demandIds.length > 0) && (
          <Text className="hint">
            {source
              ? `由群众点单「${source}」立项，已按点单内容预填，请补充后保存。`
              : `由${needIds.length ? ` ${needIds.length} 条需求、` : ''} ${demandIds.length} 条群众点单立项。`}
          </Text>
        )}
        <Field label="任务书标题" required error={errors.title}>
          <Input
            className="input"
            value={form.title}
            placeholder="如：老旧小区楼道照明改造"
            onInput={(e) => set({ title: e.detail.value })}
          />
        </Field>
        <Field label="目标" required error={errors.goal}>
          <Textarea
            className="textarea"
            value={form.goal}
            placeholder="做成后居民能得到什么"
            onInput={(e) => set({ goal: e.detail.value })}
          />
        </Field>
        <Field label="具体内容" required error={errors.detail}>
          <Textarea
            className="textarea"
            value={form.detail}
            placeholder="地点、范围、要求、需要的人员和物资"
            onInput={(e) => set({ detail: e.detail.value })}
          />
        </Field>
        <Field label="预算（元，可不填）" error={errors.budget}>
          <Input
            className="input"
            {...NUMBER_INPUT}
            value={form.budget}
            placeholder="如 20000"
            onInput={(e) => set({ budget: e.detail.value })}
          />
        </Field>
        <Field label="揭榜截止日期" required error={errors.bidDeadline}>
          <Chips
            className="chips--compact"
            options={deadlineChoices(Date.now())}
            value={form.deadline}
            onChange={(deadline) => set({ deadline, bidDeadline: '' } as Partial<Form>)}
          />
          <Input
            className="input"
            value={form.deadline}
            placeholder="年-月-日，如 2026-12-31"
            onInput={(e) => set({ deadline: e.detail.value })}
          />
        </Field>

        <Field label="评分标准（权重合计 100）" required error={errors.criteria}>
          <View className="criteria">
            <View className="criteria__row">
              <Text className="criteria__name hint">标准</Text>
              <Text className="criteria__num hint">权重 %</Text>
              <Text className="criteria__num hint">满分</Text>
              <Text className="criteria__remove"> </Text>
            </View>
            {form.criteria.map((c, i) => (
              <View key={i} className="criteria__row">
                <Input
                  className="input criteria__name"
                  value={c.name}
                  placeholder="标准名称"
                  onInput={(e) => setCriterion(i, { name: e.detail.value })}
                />
                <Input
                  className="input criteria__num"
                  {...NUMBER_INPUT}
                  value={c.weight}
                  placeholder="权重"
                  aria-label={`${c.name || '标准'}的权重`}
                  onInput={(e) => setCriterion(i, { weight: e.detail.value })}
                />
                <Input
                  className="input criteria__num"
                  {...NUMBER_INPUT}
                  value={c.max}
                  placeholder="满分"
                  aria-label={`${c.name || '标准'}的满分`}
                  onInput={(e) => setCriterion(i, { max: e.detail.value })}
                />
                <Text
                  className="criteria__remove"
                  aria-label={`删除${c.name || '这条标准'}`}
                  onClick={() => set({ criteria: form.criteria.filter((_, j) => j !== i) })}
                >
                  删除
                </Text>
              </View>
            ))}
            <Text className="add-link" onClick={() => set({ criteria: [...form.criteria, { name: '', weight: '', max: '10' }] })}>
              + 添加一条标准
            </Text>
            <Text className={`criteria__sum ${sum === 100 ? '' : 'criteria__sum--bad'}`}>
              权重合计 {sum}%{sum === 100 ? '' : '，应为 100%'}
            </Text>
          </View>
        </Field>

        {failure && <Text className="form-failure">{failure}</Text>}
        <View className="action-bar">
          <Button className="action-bar__btn" size="large" fill="outline" disabled={!!busy} onClick={() => void save(false)}>
            {busy === 'save' ? '保存中…' : '保存草稿'}
          </Button>
          <Button className="action-bar__btn" size="large" type="primary" disabled={!!busy} onClick={() => void save(true)}>
            {busy === 'publish' ? '发布中…' : '保存并发布'}
          </Button>
        </View>
      </PageState>
    </Screen>
  )
}

export default observer(EditPage)
