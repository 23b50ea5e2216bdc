import { useEffect, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { RewardStatusLabels, type Reward } from '@honglin/shared'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { MallPaths } from '../../../logic/mall'
import { api, messageOf } from '../../../services/api'
import { subscriber } from '../../../services/subscribe'
import { useStores } from '../../../stores'
import { newRequestId } from '../../../stores/order-form'
import { TAPPABLE } from '../../../logic/tappable'
import '../mall.scss'

/** 积分超市: the community's rewards; volunteers redeem, staff manage. */
function RewardsPage() {
  const { session } = useStores()
  const req = useRequest(
    async () => {
      const [rewards, balance] = await Promise.all([api('mall', 'rewards', { page: { limit: 50 } }), api('points', 'balance', {})])
      return { rewards, balance }
    },
    [session.openid],
    { enabled: session.ready },
  )
  // One requestId per confirmation sheet: a retry after a network failure is the same redemption.
  useEffect(() => {
    if (session.ready) void subscriber.load()
  }, [session.ready])
  const [confirming, setConfirming] = useState<{ reward: Reward; requestId: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState('')
  const data = req.data
  const manage = data?.rewards.manage ?? false

  async function redeem() {
    if (!confirming) return
    // Inside the tap, before anything is awaited: WeChat shows the request only then.
    void subscriber.ask('redeemed', confirming.requestId)
    setBusy(true)
    setFailure('')
    try {
      await api('mall', 'redeem', { rewardId: confirming.reward._id, requestId: confirming.requestId })
      setConfirming(null)
      void Taro.navigateTo({ url: MallPaths.mine })
    } catch (error) {
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Screen>
      <PageState {...stateOf(session, req)} empty={data?.rewards.items.length === 0 && !manage} emptyText="本社区暂时没有可兑换的礼品">
        {data && (
          <View>
            {!manage && (
              <View className="card mall-balance">
                <Text className="mall-balance__value">{data.balance.balance}</Text>
                <Text className="hint">可用积分{data.balance.reserved > 0 ? ` · 另有 ${data.balance.reserved} 分已兑换待领取` : ''}</Text>
                <Text className="mall-link" {...TAPPABLE} onClick={() => void Taro.navigateTo({ url: MallPaths.mine })}>
                  我的兑换 ›
                </Text>
              </View>
            )}
            {manage && (
              <View className="action-bar">
                <Button
                  className="action-bar__btn"
                  type="primary"
                  onClick={() => void Taro.navigateTo({ url: MallPaths.edit(data.rewards.communityId) })}
                >
                  新增礼品
                </Button>
                <Button className="action-bar__btn" fill="outline" onClick={() => void Taro.navigateTo({ url: MallPaths.verify })}>
                  礼品核销
                </Button>
              </View>
            )}
            {data.rewards.items.map((r) => (
              <View key={r._id} className="card reward-card">
                <View className="reward-card__head">
                  {r.photo && <Image className="reward-card__photo" src={r.photo} mode="aspectFill" />}
                  <View className="reward-card__text">
                    <Text className="reward-card__name">{r.name}</Text>
                    {r.sponsorName && <Text className="tag tag--plain">{r.sponsorName} 提供</Text>}
                    {manage && r.status !== 'active' && <Text className="tag tag--orange">{RewardStatusLabels[r.status]}</Text>}
                  </View>
                  <Text className="reward-card__cost">{r.cost} 分</Text>
                </View>
                {r.description && <Text className="hint">{r.description}</Text>}
                <Text className="hint">
                  剩余 {r.stock} 份
                  {r.perPersonLimit ? ` · 每人${r.perPersonLimit.per === 'month' ? '每月' : ''}限 ${r.perPersonLimit.count} 份` : ''}
                </Text>
                {r.pickupPlace && (
                  <Text className="hint">
                    领取：{r.pickupPlace}
                    {r.pickupHours ? `（${r.pickupHours}）` : ''}，兑换后 {r.pickupDays} 天内有效
                  </Text>
                )}
                {manage ? (
                  <Button
                    className="reward-card__btn"
                    fill="outline"
                    onClick={() => void Taro.navigateTo({ url: MallPaths.edit(r.communityId, r._id) })}
                  >
                    编辑与兑换记录
                  </Button>
                ) : (
                  <Button
                    className="reward-card__btn"
                    type="primary"
                    disabled={r.stock <= 0 || data.balance.balance < r.cost}
                    onClick={() => {
                      setFailure('')
                      setConfirming({ reward: r, requestId: newRequestId() })
                    }}
                  >
                    {r.stock <= 0 ? '已兑完' : data.balance.balance < r.cost ? '积分不足' : '兑换'}
                  </Button>
                )}
              </View>
            ))}
          </View>
        )}
      </PageState>
      {confirming && (
        <View className="sheet" catchMove>
          <View className="sheet__mask" onClick={() => !busy && setConfirming(null)} />
          <View className="sheet__panel">
            <Text className="sheet__title">兑换「{confirming.reward.name}」</Text>
            <View className="kv">
              <Text className="kv__k">所需积分</Text>
              <Text className="kv__v">
                {confirming.reward.cost} 分（兑换后剩余 {(data?.balance.balance ?? 0) - confirming.reward.cost} 分）
              </Text>
            </View>
            {confirming.reward.pickupPlace && (
              <View className="kv">
                <Text className="kv__k">领取地点</Text>
                <Text className="kv__v">{confirming.reward.pickupPlace}</Text>
              </View>
            )}
            <Text className="hint">兑换后请在 {confirming.reward.pickupDays} 天内凭兑换码领取；未领取或取消，积分会退回。</Text>
            {failure && <Text className="form-failure">{failure}</Text>}
            <View className="sheet__buttons">
              <Button className="sheet__btn" fill="outline" disabled={busy} onClick={() => setConfirming(null)}>
                不兑换了
              </Button>
              <Button className="sheet__btn" type="primary" disabled={busy} onClick={() => void redeem()}>
                {busy ? '兑换中…' : `用 ${confirming.reward.cost} 积分兑换`}
              </Button>
            </View>
          </View>
        </View>
      )}
    </Screen>
  )
}

export default observer(RewardsPage)
