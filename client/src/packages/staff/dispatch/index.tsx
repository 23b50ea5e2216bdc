import { useEffect, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { findCategory, type contract } from '@honglin/shared'
import Chips from '../../../components/chips'
import Field from '../../../components/field'
import MergePicker from '../../../components/merge-picker'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { DUE_OPTIONS, categoryLabel, dueAtFor, formatTime, kindLabel, statusLabel, statusTone } from '../../../logic/demand-view'
import { NUMBER_INPUT, numberFrom } from '../../../logic/numbers'
import { Paths } from '../../../logic/roles'
import { api, ApiError, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'
import './index.scss'
import Photos from '../../../components/photos'

type Chosen = { type: 'volunteer' | 'unit'; id: string; name: string } | null
type Suggest = contract.Results['dispatch']['suggest']

/** Nothing chosen yet: says what is missing and the other way to hand it on. */
export const NOTHING_CHOSEN = '还没有选择接单人：请在"选择接单人"的名单里点一位志愿者或一个共建单位；不指定人可以点"发布到任务大厅"。'

const QUIET_MS = 400

/** 派单: what is being dispatched; anyone who may take it, best first and searchable; by when and for how many points; or the hall. */
function DispatchPage() {
  const { session, org } = useStores()
  const id = useRouter().params.id ?? ''
  const req = useRequest(
    async () => {
      const demand = await api('demand', 'get', { id })
      void org.loadGrids(demand.communityId).catch(() => undefined)
      return demand
    },
    [id, session.openid],
    { enabled: session.ready },
  )
  const [q, setQ] = useState('')
  const [s, setS] = useState<Suggest | null>(null)
  const [suggestError, setSuggestError] = useState('')
  const [pick, setPick] = useState<Chosen>(null)
  const [due, setDue] = useState('3')
  const [points, setPoints] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [merging, setMerging] = useState(false)
  const [intoId, setIntoId] = useState<string | undefined>()

  const d = req.data
  const canDispatch = d ? d.availableActions.includes('assign') : false
  const canMerge = d ? d.availableActions.includes('merge') : false

  // The candidates, again as the search words change (a pause in typing first).
  useEffect(() => {
    if (!d || !canDispatch) return undefined
    let live = true
    const timer = setTimeout(
      () => {
        api('dispatch', 'suggest', { id, q: q.trim() || undefined })
          .then((answer) => {
            if (!live) return
            setS(answer)
            setSuggestError('')
          })
          .catch((error) => live && setSuggestError(messageOf(error)))
      },
      q ? QUIET_MS : 0,
    )
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [id, q, d, canDispatch])

  const defaultPoints = d ? (findCategory(d.kind, d.category)?.defaultPoints ?? 10) : 10

  async function send(kind: 'assign' | 'publish') {
    if (!d) return
    if (kind === 'assign' && !pick) {
      setFailure(NOTHING_CHOSEN)
      return
    }
    setBusy(true)
    setFailure('')
    const days = DUE_OPTIONS.find((o) => o.key === due)?.days ?? 0
    const dueAt = dueAtFor(days, Date.now())
    const pts = numberFrom(points)
    const memo = note.trim() || undefined
    try {
      if (kind === 'assign')
        await api('dispatch', 'assign', { id, assignee: { type: pick!.type, id: pick!.id }, dueAt, points: pts, note: memo })
      else await api('dispatch', 'publish', { id, dueAt, points: pts, note: memo })
      void Taro.showToast({ title: kind === 'assign' ? '已派单' : '已发布到任务大厅', icon: 'success' })
      void Taro.redirectTo({ url: Paths.demand(id) })
    } catch (error) {
      setErrors(error instanceof ApiError ? error.fields : {})
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  async function merge() {
    if (!intoId) {
      setFailure('还没有选择合并到哪一条：请在下面的名单里点一条相同的问题')
      return
    }
    setBusy(true)
    setFailure('')
    try {
      await api('dispatch', 'merge', { id, intoId })
      void Taro.showToast({ title: '已合并', icon: 'success' })
      void Taro.redirectTo({ url: Paths.demand(id) })
    } catch (error) {
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  const now = Date.now()
  return (
    <Screen className="dispatch">
      <PageState {...stateOf(session, req)}>
        {d && (
          <View>
            <View className="card dispatch__what">
              <View className="demand-card__top">
                <Text className={`tag tag--${statusTone(d.status)}`}>{statusLabel(d.status)}</Text>
                {d.urgency === 'urgent' && <Text className="tag tag--urgent">紧急</Text>}
                {d.overdue && <Text className="tag tag--late">逾期</Text>}
                <Text className="demand-card__kind">
                  {kindLabel(d.kind)} · {categoryLabel(d.kind, d.category)}
                </Text>
              </View>
              <Text className="demand-card__title">{d.title}</Text>
              <Text className="timeline__note">{d.detail}</Text>
              <Photos ids={d.photos} />
              <Text className="hint">
                {org.nameOf(d.gridId) ?? ''} {d.address}
              </Text>
              <Text className="hint">
                {d.contactName} {d.contactPhone}
                {d.preferredTime ? ` · 期望：${d.preferredTime}` : ''}
              </Text>
              <Text className="hint">
                提交于 {formatTime(d.createdAt, now)}
                {d.sla?.dueAt ? ` · 本环节时限 ${formatTime(d.sla.dueAt, now)}` : ''}
              </Text>
            </View>
            {!canDispatch && <Text className="form-failure">该点单当前不能派单（{d.status === 'submitted' ? '请先受理' : '已处理'}）</Text>}

            {canDispatch && (
              <View>
                <Text className="section-title">选择接单人</Text>
                <Input
                  className="input dispatch__search"
                  value={q}
                  maxlength={20}
                  placeholder="搜索姓名、技能或单位资源"
                  onInput={(e) => setQ(e.detail.value)}
                />
                {suggestError && <Text className="form-failure">{suggestError}</Text>}
                {!s && !suggestError && <Text className="hint">正在排序…</Text>}
                {s && (
                  <Candidates
                    s={s}
                    searching={!!q.trim()}
                    pick={pick}
                    onPick={(c) => {
                      setPick(c)
                      setFailure('')
                    }}
                    gridName={org.nameOf}
                  />
                )}
                {errors['assignee.id'] && <Text className="field__error">{errors['assignee.id']}</Text>}

                <Text className="section-title">要求</Text>
                <Field label="完成期限" error={errors.dueAt}>
                  <Chips options={DUE_OPTIONS.map((o) => ({ value: o.key, label: o.label }))} value={due} onChange={setDue} />
                </Field>
                <Field label={`服务积分（默认 ${defaultPoints} 分）`} error={errors.points}>
                  <Input
                    className="input"
                    {...NUMBER_INPUT}
                    value={points}
                    placeholder={String(defaultPoints)}
                    onInput={(e) => setPoints(e.detail.value)}
                  />
                </Field>
                <Field label="给接单人的备注（可不填，发布到任务大厅时也会带上）" error={errors.note}>
                  <Textarea className="textarea" value={note} maxlength={200} onInput={(e) => setNote(e.detail.value)} />
                </Field>
                {failure && <Text className="form-failure">{failure}</Text>}
                <View className="dispatch__buttons">
                  <Button type="primary" size="large" block disabled={busy} onClick={() => void send('assign')}>
                    {pick ? `派单给 ${pick.name}` : '派单给所选'}
                  </Button>
                  <Button
                    className="dispatch__publish"
                    type="primary"
                    fill="outline"
                    size="large"
                    block
                    disabled={busy}
                    onClick={() => void send('publish')}
                  >
                    发布到任务大厅
                  </Button>
                </View>
              </View>
            )}

            {canMerge && (
              <View className="dispatch__merge">
                <Text className="hint dispatch__merge-toggle" onClick={() => setMerging(!merging)}>
                  {merging ? '收起合并' : '这是重复的问题？合并到已有的点单'}
                </Text>
                {merging && (
                  <View>
                    <MergePicker demandId={d._id} value={intoId} onChange={setIntoId} />
                    {!canDispatch && failure && <Text className="form-failure">{failure}</Text>}
                    <Button type="primary" fill="outline" size="large" block disabled={busy} onClick={() => void merge()}>
                      合并到所选点单
                    </Button>
                  </View>
                )}
              </View>
            )}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

interface CandidatesProps {
  s: Suggest
  searching: boolean
  pick: Chosen
  onPick: (c: NonNullable<Chosen>) => void
  gridName: (id: string | undefined) => string | undefined
}

/** Everyone who may take it, best first; the marks say why one ranks high. */
function Candidates({ s, searching, pick, onPick, gridName }: CandidatesProps) {
  const none = s.volunteers.length === 0 && s.units.length === 0
  return (
    <View>
      {none && <Text className="hint">{searching ? '没有找到，换个词试试' : '本社区还没有已认证的志愿者或共建单位'}</Text>}
      {s.volunteers.length > 0 && (
        <Text className="hint">
          志愿者共 {s.totals.volunteers} 位，最合适的在前
          {s.totals.volunteers > s.volunteers.length ? `（列出前 ${s.volunteers.length} 位，可搜索其他人）` : ''}
        </Text>
      )}
      {s.volunteers.map((v, i) => (
        <View
          key={v.id}
          className={`card pick ${pick?.id === v.id ? 'pick--on' : ''}`}
          onClick={() => onPick({ type: 'volunteer', id: v.id, name: v.name })}
        >
          <View className="pick__head">
            <Text className="pick__name">{v.name}</Text>
            {pick?.id === v.id && <Text className="pick__check">✓ 已选</Text>}
          </View>
          <View className="demand-card__top">
            {i === 0 && !v.declined && !searching && <Text className="tag tag--red">推荐</Text>}
            {v.sameGrid && <Text className="tag tag--green">同网格</Text>}
            {v.skillMatch.length > 0 && <Text className="tag tag--blue">技能对口</Text>}
            <Text className={`tag ${v.load > 0 ? 'tag--orange' : 'tag--plain'}`}>{v.load > 0 ? `手上 ${v.load} 件` : '空闲'}</Text>
            {v.declined && <Text className="tag tag--grey">曾退单</Text>}
          </View>
          <Text className="hint">
            {gridName(v.gridId) ?? '未填网格'} · 技能：{v.skills.length ? v.skills.join('、') : '未填写'}
          </Text>
        </View>
      ))}

      {s.units.length > 0 && <Text className="section-title">共建单位（共 {s.totals.units} 个）</Text>}
      {s.units.map((u) => (
        <View
          key={u.id}
          className={`card pick ${pick?.id === u.id ? 'pick--on' : ''}`}
          onClick={() => onPick({ type: 'unit', id: u.id, name: u.name })}
        >
          <View className="pick__head">
            <Text className="pick__name">{u.name}</Text>
            {pick?.id === u.id && <Text className="pick__check">✓ 已选</Text>}
          </View>
          <View className="demand-card__top">
            {u.resourceMatch.length > 0 && <Text className="tag tag--blue">资源对口</Text>}
            {u.unitType && <Text className="tag tag--plain">{u.unitType}</Text>}
            <Text className={`tag ${u.load > 0 ? 'tag--orange' : 'tag--plain'}`}>{u.load > 0 ? `手上 ${u.load} 件` : '空闲'}</Text>
            {u.declined && <Text className="tag tag--grey">曾退单</Text>}
          </View>
          <Text className="hint">可提供：{u.resources.length ? u.resources.join('、') : '未登记'}</Text>
        </View>
      ))}
    </View>
  )
}

export default observer(DispatchPage)
