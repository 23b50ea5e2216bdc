import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { LedgerEntry } from '@honglin/shared'
import EntryLink from '../../../components/entry'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { formatTime, LEDGER_REASONS } from '../../../logic/demand-view'
import { MallPaths } from '../../../logic/mall'
import { Paths } from '../../../logic/roles'
import { api, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'
import './index.scss'

/** 我的积分: balance and the append-only ledger. */
function PointsPage() {
  const { session } = useStores()
  const req = useRequest(
    async () => {
      const [balance, ledger] = await Promise.all([api('points', 'balance', {}), api('points', 'ledger', { page: { limit: 50 } })])
      return { balance, ledger }
    },
    [session.openid],
    { enabled: session.ready },
  )
  // Later pages, by the cursor the previous page answered.
  const [more, setMore] = useState<{ items: LedgerEntry[]; next?: string }>({ items: [] })
  const [loading, setLoading] = useState(false)
  const [failure, setFailure] = useState('')
  // A reload starts from the first page again.
  useEffect(() => setMore({ items: [] }), [req.data])
  const next = more.items.length > 0 ? more.next : req.data?.ledger.next
  const items = [...(req.data?.ledger.items ?? []), ...more.items]

  async function loadMore() {
    if (!next) return
    setLoading(true)
    setFailure('')
    try {
      const page = await api('points', 'ledger', { page: { limit: 50 }, cursor: next })
      setMore({ items: [...more.items, ...page.items], next: page.next })
    } catch (error) {
      setFailure(messageOf(error))
    } finally {
      setLoading(false)
    }
  }
  return (
    <Screen>
      <PageState {...stateOf(session, req)}>
        {req.data && (
          <View>
            <View className="card points-card">
              <Text className="points-card__label">积分余额</Text>
              <Text className="points-card__value">{req.data.balance.balance}</Text>
              <Text className="points-card__hint">
                共 {req.data.balance.entries} 条明细{req.data.balance.reserved > 0 ? ` · ${req.data.balance.reserved} 分已兑换待领取` : ''}
              </Text>
            </View>
            <Button block type="primary" onClick={() => void Taro.navigateTo({ url: MallPaths.rewards })}>
              去积分超市兑换
            </Button>
            <EntryLink entry={{ title: '光荣榜', hint: '本社区、本街道的志愿者排行', url: Paths.ranking }} />
            <EntryLink entry={{ title: '服务时长证明', hint: '开具带核验编号的年度证明', url: Paths.certificate }} />
            <Text className="section-title">积分明细</Text>
            {items.length === 0 && <Text className="hint">还没有积分，完成服务并销号后一分钟内自动入账。</Text>}
            {items.map((e) => (
              <View key={e._id} className="card ledger-row">
                <View className="ledger-row__text">
                  <Text className="ledger-row__title">{e.note || LEDGER_REASONS[e.reason] || '积分变动'}</Text>
                  <Text className="hint">{formatTime(e.createdAt, Date.now())}</Text>
                </View>
                <Text className={`ledger-row__delta ${e.delta < 0 ? 'ledger-row__delta--minus' : ''}`}>
                  {e.delta > 0 ? `+${e.delta}` : e.delta}
                </Text>
              </View>
            ))}
            {failure && <Text className="form-failure">{failure}</Text>}
            {next && (
              <Button block fill="outline" disabled={loading} onClick={() => void loadMore()}>
                加载更多
              </Button>
            )}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(PointsPage)
