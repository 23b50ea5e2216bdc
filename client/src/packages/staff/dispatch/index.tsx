import { useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { findCategory } from '@honglin/shared'
import Chips from '../../../components/chips'
import DemandCard from '../../../components/demand-card'
import Field from '../../../components/field'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { DUE_OPTIONS, dueAtFor } from '../../../logic/demand-view'
import { NUMBER_INPUT, numberFrom } from '../../../logic/numbers'
import { Paths } from '../../../logic/roles'
import { api, ApiError, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'
import './index.scss'

type Pick = { type: 'volunteer' | 'unit'; id: string } | null

/** 派单: choose who does it (suggested by grid, skills and load), by when and for how many points; or publish to the hall. */
function DispatchPage() {
  const { session, org } = useStores()
  const id = useRouter().params.id ?? ''
  const req = useRequest(
    async () => {
      const [demand, suggest] = await Promise.all([api('demand', 'get', { id }), api('dispatch', 'suggest', { id })])
      void org.loadGrids(demand.communityId).catch(() => undefined)
      return { demand, suggest }
    },
    [id, session.openid],
    { enabled: session.ready },
  )
  const [pick, setPick] = useState<Pick>(null)
  const [due, setDue] = useState('3')
  const [points, setPoints] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})

  const d = req.data?.demand
  const s = req.data?.suggest
  const defaultPoints = d ? (findCategory(d.kind, d.category)?.defaultPoints ?? 10) : 10
  const canDispatch = d ? d.availableActions.includes('assign') : false

  async function send(kind: 'assign' | 'publish') {
    if (!d) return
    if (kind === 'assign' && !pick) {
      setFailure('请先在上面选择一位志愿者或一个共建单位')
      return
    }
    setBusy(true)
    setFailure('')
    const days = DUE_OPTIONS.find((o) => o.key === due)?.days ?? 0
    const dueAt = dueAtFor(days, Date.now())
    const pts = numberFrom(points)
    try {
      if (kind === 'assign') await api('dispatch', 'assign', { id, assignee: pick!, dueAt, points: pts, note: note.trim() || undefined })
      else await api('dispatch', 'publish', { id, dueAt, points: pts })
      void Taro.showToast({ title: kind === 'assign' ? '已派单' : '已发布到任务大厅', icon: 'success' })
      void Taro.redirectTo({ url: Paths.demand(id) })
    } catch (error) {
      setErrors(error instanceof ApiError ? error.fields : {})
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Screen className="dispatch">
      <PageState {...stateOf(session, req)}>
        {d && s && (
          <View>
            <DemandCard demand={d} />
            {!canDispatch && <Text className="form-failure">该点单当前不能派单（{d.status === 'submitted' ? '请先受理' : '已处理'}）</Text>}

            <Text className="section-title">推荐志愿者</Text>
            {s.volunteers.length === 0 && <Text className="hint">本社区还没有已认证的志愿者</Text>}
            {s.volunteers.length > 0 && (
              <Text className="hint">
                共 {s.totals.volunteers} 位{s.totals.volunteers > s.volunteers.length ? `，列出最合适的 ${s.volunteers.length} 位` : ''}
              </Text>
            )}
            {s.volunteers.map((v) => (
              <View
                key={v.id}
                className={`card pick ${pick?.id === v.id ? 'pick--on' : ''}`}
                onClick={() => setPick({ type: 'volunteer', id: v.id })}
              >
                <View className="pick__head">
                  <Text className="pick__name">{v.name}</Text>
                  {pick?.id === v.id && <Text className="pick__check">✓ 已选</Text>}
                </View>
                <View className="demand-card__top">
                  {v.sameGrid && <Text className="tag tag--green">同网格</Text>}
                  {v.skillMatch.length > 0 && <Text className="tag tag--blue">技能对口</Text>}
                  <Text className={`tag ${v.load > 0 ? 'tag--orange' : 'tag--plain'}`}>{v.load > 0 ? `手上 ${v.load} 件` : '空闲'}</Text>
                  {v.declined && <Text className="tag tag--grey">曾退单</Text>}
                </View>
                <Text className="hint">
                  {org.nameOf(v.gridId) ?? '未填网格'} · 技能：{v.skills.length ? v.skills.join('、') : '未填写'}
                </Text>
              </View>
            ))}

            {s.units.length > 0 && <Text className="section-title">共建单位</Text>}
            {s.units.map((u) => (
              <View
                key={u.id}
                className={`card pick ${pick?.id === u.id ? 'pick--on' : ''}`}
                onClick={() => setPick({ type: 'unit', id: u.id })}
              >
                <View className="pick__head">
                  <Text className="pick__name">{u.name}</Text>
                  {pick?.id === u.id && <Text className="pick__check">✓ 已选</Text>}
                </View>
                <View className="demand-card__top">
                  <Text className={`tag ${u.load > 0 ? 'tag--orange' : 'tag--plain'}`}>{u.load > 0 ? `手上 ${u.load} 件` : '空闲'}</Text>
                  {u.declined && <Text className="tag tag--grey">曾退单</Text>}
                </View>
                <Text className="hint">可提供：{u.resources.join('、')}</Text>
              </View>
            ))}
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
            <Field label="给接单人的备注（可不填）" error={errors.note}>
              <Textarea className="textarea" value={note} maxlength={200} onInput={(e) => setNote(e.detail.value)} />
            </Field>
            {failure && <Text className="form-failure">{failure}</Text>}
            <View className="dispatch__buttons">
              <Button type="primary" size="large" block disabled={busy || !canDispatch} onClick={() => void send('assign')}>
                派单给所选
              </Button>
              <Button
                className="dispatch__publish"
                type="primary"
                fill="outline"
                size="large"
                block
                disabled={busy || !canDispatch}
                onClick={() => void send('publish')}
              >
                发布到任务大厅
              </Button>
            </View>
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(DispatchPage)
