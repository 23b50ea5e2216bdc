import { useEffect, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { beijingTime, RedemptionStatusLabels, RewardStatusLabels, type Reward } from '@honglin/shared'
import Chips from '../../../components/chips'
import Field from '../../../components/field'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { api, ApiError, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'
import '../mall.scss'

interface Form {
  name: string
  cost: string
  stock: string
  limitCount: string
  limitPer: 'month' | 'total'
  pickupPlace: string
  pickupHours: string
  pickupDays: string
  description: string
}

const EMPTY: Form = {
  name: '',
  cost: '',
  stock: '',
  limitCount: '',
  limitPer: 'month',
  pickupPlace: '',
  pickupHours: '',
  pickupDays: '7',
  description: '',
}

function formOf(r: Reward): Form {
  return {
    name: r.name,
    cost: String(r.cost),
    stock: String(r.stock),
    limitCount: r.perPersonLimit ? String(r.perPersonLimit.count) : '',
    limitPer: r.perPersonLimit?.per ?? 'month',
    pickupPlace: r.pickupPlace ?? '',
    pickupHours: r.pickupHours ?? '',
    pickupDays: String(r.pickupDays),
    description: r.description ?? '',
  }
}

/** 礼品设置: add or edit a reward (staff; a unit's contact offers one for approval), and its redemptions. */
function EditPage() {
  const { session } = useStores()
  const { params } = useRouter()
  const communityId = params.communityId ?? session.communityId ?? ''
  const rewardId = params.rewardId
  const req = useRequest(
    async () => {
      if (!rewardId) return { reward: undefined, redemptions: undefined }
      const [list, redemptions] = await Promise.all([
        api('mall', 'rewards', { communityId, page: { limit: 50 } }),
        api('mall', 'redemptions', { rewardId, page: { limit: 50 } }),
      ])
      return { reward: list.items.find((r) => r._id === rewardId), redemptions }
    },
    [session.openid, rewardId],
    { enabled: session.ready },
  )
  const reward = req.data?.reward
  const [form, setForm] = useState<Form>(EMPTY)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState('')
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (reward) setForm(formOf(reward))
  }, [reward])
  const set = (key: keyof Form) => (e: { detail: { value: string } }) => setForm({ ...form, [key]: e.detail.value })
  const unitId = session.grants.find((g) => g.role === 'unit_contact')?.unitId
  const staff = session.has('community_staff') || session.has('admin')

  async function save(withdrawn?: boolean) {
    setBusy(true)
    setErrors({})
    setFailure('')
    const num = (v: string) => (v.trim() === '' ? undefined : Number(v))
    try {
      await api('mall', 'upsertReward', {
        ...(rewardId ? { rewardId } : {}),
        communityId,
        name: form.name,
        cost: num(form.cost) as number,
        stock: num(form.stock) as number,
        ...(form.limitCount ? { perPersonLimit: { count: Number(form.limitCount), per: form.limitPer } } : {}),
        ...(form.pickupPlace ? { pickupPlace: form.pickupPlace } : {}),
        ...(form.pickupHours ? { pickupHours: form.pickupHours } : {}),
        ...(form.pickupDays ? { pickupDays: Number(form.pickupDays) } : {}),
        ...(form.description ? { description: form.description } : {}),
        ...(reward?.sponsorUnitId ? { sponsorUnitId: reward.sponsorUnitId } : !staff && unitId ? { sponsorUnitId: unitId } : {}),
        ...(withdrawn !== undefined ? { withdrawn } : {}),
      })
      void Taro.showToast({ title: '已保存', icon: 'success' })
      void Taro.navigateBack()
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) setErrors(error.fields)
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  async function approve() {
    if (!rewardId) return
    setBusy(true)
    try {
      await api('mall', 'approveReward', { rewardId })
      req.reload()
    } catch (error) {
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Screen>
      <PageState {...stateOf(session, req)}>
        <View className="card">
          {reward && <Text className="tag tag--plain">{RewardStatusLabels[reward.status]}</Text>}
          <Field label="礼品名称" required error={errors.name}>
            <Input className="input" value={form.name} maxlength={40} onInput={set('name')} />
          </Field>
          <Field label="所需积分" required error={errors.cost}>
            <Input className="input" type="number" value={form.cost} onInput={set('cost')} />
          </Field>
          <Field label="库存（份）" required error={errors.stock}>
            <Input className="input" type="number" value={form.stock} onInput={set('stock')} />
          </Field>
          <Field label="每人限兑（不填则不限）" error={errors['perPersonLimit.count']}>
            <Input className="input" type="number" value={form.limitCount} onInput={set('limitCount')} />
            <Chips
              options={[
                { value: 'month', label: '每月' },
                { value: 'total', label: '总共' },
              ]}
              value={form.limitPer}
              onChange={(v) => setForm({ ...form, limitPer: v as Form['limitPer'] })}
            />
          </Field>
          <Field label="领取地点" error={errors.pickupPlace}>
            <Input className="input" value={form.pickupPlace} maxlength={60} onInput={set('pickupPlace')} />
          </Field>
          <Field label="领取时间" error={errors.pickupHours}>
            <Input
              className="input"
              value={form.pickupHours}
              maxlength={60}
              placeholder="如：工作日 9:00–17:00"
              onInput={set('pickupHours')}
            />
          </Field>
          <Field label="兑换后几天内领取" error={errors.pickupDays}>
            <Input className="input" type="number" value={form.pickupDays} onInput={set('pickupDays')} />
          </Field>
          <Field label="礼品介绍" error={errors.description}>
            <Textarea className="textarea" value={form.description} maxlength={500} onInput={set('description')} />
          </Field>
          {failure && <Text className="form-failure">{failure}</Text>}
          <Button block type="primary" disabled={busy} onClick={() => void save()}>
            {busy ? '保存中…' : rewardId ? '保存修改' : staff ? '上架礼品' : '提交给社区审核'}
          </Button>
          {reward && staff && (
            <View className="action-bar">
              {reward.status === 'pending' && (
                <Button className="action-bar__btn" type="primary" disabled={busy} onClick={() => void approve()}>
                  审核通过并上架
                </Button>
              )}
              {reward.status === 'active' ? (
                <Button className="action-bar__btn" fill="outline" disabled={busy} onClick={() => void save(true)}>
                  下架
                </Button>
              ) : (
                reward.status === 'withdrawn' && (
                  <Button className="action-bar__btn" fill="outline" disabled={busy} onClick={() => void save(false)}>
                    重新上架
                  </Button>
                )
              )}
            </View>
          )}
        </View>
        {req.data?.redemptions && (
          <View>
            <Text className="section-title">兑换记录</Text>
            {req.data.redemptions.items.length === 0 && <Text className="hint">还没有人兑换</Text>}
            {req.data.redemptions.items.map((r) => (
              <View key={r._id} className="card ledger-row">
                <Text>{r.userName}</Text>
                <Text className="hint">
                  {RedemptionStatusLabels[r.status]} · {beijingTime(r.createdAt)}
                </Text>
              </View>
            ))}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(EditPage)
