import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { contract } from '@honglin/shared'
import DemandCard from '../../../components/demand-card'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { Paths } from '../../../logic/roles'
import { api, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'

const PAGE = 20

/** 我代办的点单: what a grid worker ordered for residents, newest first, with where each stands. */
function OnBehalfPage() {
  const { session } = useStores()
  const [more, setMore] = useState<contract.DemandView[]>([])
  const [next, setNext] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState('')
  const req = useRequest(
    async () => {
      const res = await api('demand', 'listOnBehalf', { page: { limit: PAGE } })
      setMore([])
      setNext(res.next)
      return res
    },
    [session.openid],
    { enabled: session.ready },
  )

  async function loadMore() {
    if (!next) return
    setBusy(true)
    setFailure('')
    try {
      const res = await api('demand', 'listOnBehalf', { cursor: next, page: { limit: PAGE } })
      setMore((m) => [...m, ...res.items])
      setNext(res.next)
    } catch (error) {
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  const items = [...(req.data?.items ?? []), ...more]
  return (
    <Screen>
      <Button
        className="on-behalf__new"
        type="primary"
        fill="outline"
        size="large"
        block
        onClick={() => void Taro.navigateTo({ url: Paths.order('service', true) })}
      >
        再代居民点一单
      </Button>
      <PageState {...stateOf(session, req)} empty={items.length === 0} emptyText="还没有代居民点过单">
        <View>
          {items.map((d) => (
            <DemandCard key={d._id} demand={d} showWork>
              <Text className="demand-card__meta">
                居民：{d.contactName} {d.contactPhone}
              </Text>
            </DemandCard>
          ))}
          {failure && <Text className="form-failure">{failure}</Text>}
          {next && (
            <Button size="large" block fill="outline" disabled={busy} onClick={() => void loadMore()}>
              {busy ? '加载中…' : '加载更多'}
            </Button>
          )}
        </View>
      </PageState>
    </Screen>
  )
}

export default observer(OnBehalfPage)
