import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { beijingTime, RedemptionStatusLabels } from '@honglin/shared'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { MallPaths, spacedCode } from '../../../logic/mall'
import { api, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'
import '../mall.scss'

const STATUS_TAG = { reserved: 'tag--orange', fulfilled: 'tag--green', cancelled: 'tag--grey', expired: 'tag--grey' } as const

/**
 * 我的兑换: each redemption with its pickup code while it can be used, as digits and, on request,
 * as a 小程序码 for staff to scan; cancel or get a new code.
 */
function MinePage() {
  const { session } = useStores()
  const req = useRequest(() => api('mall', 'mine', { page: { limit: 50 } }), [session.openid], { enabled: session.ready })
  const [busy, setBusy] = useState('')
  const [failure, setFailure] = useState('')
  /** The 小程序码 shown, by redemption, for the code it was made for. */
  const [qr, setQr] = useState<Record<string, { code: string; url: string }>>({})

  async function showQr(id: string) {
    setBusy(`qr:${id}`)
    setFailure('')
    try {
      const made = await api('mall', 'pickupQr', { id })
      setQr((shown) => ({ ...shown, [id]: { code: made.code, url: made.tempFileURL } }))
    } catch (error) {
      setFailure(messageOf(error))
    } finally {
      setBusy('')
    }
  }

  async function act(id: string, what: 'cancel' | 'reissue') {
    const ask =
      what === 'cancel'
        ? { title: '取消兑换', content: '取消后礼品退回库存，积分退回您的账户。', confirmText: '取消兑换', cancelText: '保留' }
        : { title: '重新生成兑换码', content: '原兑换码将作废，只能使用新的兑换码领取。', confirmText: '生成新码', cancelText: '不用了' }
    const answer = await Taro.showModal(ask)
    if (!answer.confirm) return
    setBusy(id)
    setFailure('')
    try {
      await api('mall', what, { id })
      req.reload()
    } catch (error) {
      setFailure(messageOf(error))
    } finally {
      setBusy('')
    }
  }

  const items = req.data?.items ?? []
  return (
    <Screen>
      <PageState {...stateOf(session, req)} empty={items.length === 0} emptyText="还没有兑换记录">
        {failure && <Text className="form-failure">{failure}</Text>}
        {items.map((r) => (
          <View key={r._id} className="card redemption-card">
            <View className="reward-card__head">
              <Text className="reward-card__name">{r.rewardName}</Text>
              <Text className={`tag ${STATUS_TAG[r.status]}`}>{RedemptionStatusLabels[r.status]}</Text>
            </View>
            {r.status === 'reserved' && (
              <View className="pickup-code">
                <Text className="hint">领取时出示兑换码</Text>
                <Text className="pickup-code__digits">{spacedCode(r.code)}</Text>
                {qr[r._id]?.code === r.code ? (
                  <Image className="pickup-code__qr" src={qr[r._id]!.url} mode="aspectFit" />
                ) : (
                  <Button className="pickup-code__show" fill="outline" disabled={!!busy} onClick={() => void showQr(r._id)}>
                    {busy === `qr:${r._id}` ? '生成中…' : '显示二维码'}
                  </Button>
                )}
                <Text className="hint">请在 {beijingTime(r.expiresAt)} 前领取</Text>
              </View>
            )}
            {r.pickupPlace && (
              <Text className="hint">
                领取地点：{r.pickupPlace}
                {r.pickupHours ? `（${r.pickupHours}）` : ''}
              </Text>
            )}
            <Text className="hint">
              {r.cost} 积分 · 兑换于 {beijingTime(r.createdAt)}
              {r.status === 'fulfilled' && r.fulfilledAt ? ` · ${beijingTime(r.fulfilledAt)} 已领取` : ''}
              {r.status === 'cancelled' || r.status === 'expired' ? ' · 积分已退回' : ''}
            </Text>
            {r.actions.length > 0 && (
              <View className="action-bar">
                {r.actions.includes('reissue') && (
                  <Button className="action-bar__btn" fill="outline" disabled={!!busy} onClick={() => void act(r._id, 'reissue')}>
                    重新生成兑换码
                  </Button>
                )}
                {r.actions.includes('cancel') && (
                  <Button className="action-bar__btn" fill="outline" disabled={!!busy} onClick={() => void act(r._id, 'cancel')}>
                    {busy === r._id ? '处理中…' : '取消兑换'}
                  </Button>
                )}
              </View>
            )}
          </View>
        ))}
        <Button className="bottom-bar" block fill="outline" onClick={() => void Taro.navigateTo({ url: MallPaths.rewards })}>
          去积分超市看看
        </Button>
      </PageState>
    </Screen>
  )
}

export default observer(MinePage)
