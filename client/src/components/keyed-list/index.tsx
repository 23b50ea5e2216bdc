/**
 * A list of demands read by key (`cursor` → `next`): the first page on load, more on "加载更多",
 * a card per demand with whatever the page adds under it.
 */
import { useState, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { contract } from '@honglin/shared'
import DemandCard from '../demand-card'
import PageState, { stateOf } from '../page-state'
import { useRequest } from '../../hooks/use-request'
import { messageOf } from '../../services/api'
import { useStores } from '../../stores'

type Page = { items: contract.DemandView[]; next?: string }

interface Props {
  load: (cursor: string | undefined) => Promise<Page>
  emptyText: string
  showWork?: boolean
  below?: (d: contract.DemandView) => ReactNode
}

function KeyedList({ load, emptyText, showWork, below }: Props) {
  const { session } = useStores()
  const [more, setMore] = useState<contract.DemandView[]>([])
  const [next, setNext] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState('')
  const req = useRequest(
    async () => {
      const res = await load(undefined)
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
      const res = await load(next)
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
    <PageState {...stateOf(session, req)} empty={items.length === 0} emptyText={emptyText}>
      <View>
        {items.map((d) => (
          <DemandCard key={d._id} demand={d} showWork={showWork}>
            {below?.(d)}
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
  )
}

export default observer(KeyedList)
