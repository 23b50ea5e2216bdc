import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { contract } from '@honglin/shared'
import PageState, { stateOf } from '../../components/page-state'
import Screen from '../../components/screen'
import { usePagedList } from '../../hooks/use-paged-list'
import { formatTime } from '../../logic/demand-view'
import { Paths } from '../../logic/roles'
import { api, messageOf } from '../../services/api'
import { useStores } from '../../stores'
import { TAPPABLE } from '../../logic/tappable'
import './index.scss'
import { useUnreadBadge } from '../../hooks/use-unread-badge'

/** 消息: what happened to my demands and tasks; tap one to open it. */
function InboxPage() {
  const { session, unread: badge } = useStores()
  const req = usePagedList(
    (cursor?: string) => api('notify', 'inbox', { ...(cursor ? { cursor } : {}), page: { limit: 50 } }),
    [session.openid],
    { enabled: session.ready },
  )
  const first = req.data as (typeof req.data & { unread?: number; unreadCapped?: boolean }) | undefined
  // Read here since the list was loaded: shown read without loading it again.
  const [opened, setOpened] = useState<string[]>([])
  useEffect(() => setOpened([]), [req.data])
  const items = req.items.map((n) => (opened.includes(n._id) ? { ...n, read: true } : n))
  // Counted up to 99 by the function; more shows as "99+".
  const unread = Math.max(0, (first?.unread ?? 0) - opened.length)
  const unreadText = first?.unreadCapped ? '99+' : String(unread)
  useUnreadBadge()
  // The tab's badge follows what this page shows, messages opened here included.
  useEffect(() => {
    if (first) badge.take({ unread, unreadCapped: first.unreadCapped })
  }, [first, unread, badge])

  async function open(n: contract.Notification) {
    if (!n.read) {
      try {
        await api('notify', 'markRead', { ids: [n._id] })
        setOpened((ids) => [...ids, n._id])
      } catch (error) {
        console.warn('标记已读失败', error)
      }
    }
    if (n.demandId) void Taro.navigateTo({ url: Paths.demand(n.demandId) })
  }

  async function readAll() {
    try {
      await api('notify', 'markRead', { all: true })
      req.reload()
    } catch (error) {
      void Taro.showToast({ title: messageOf(error), icon: 'none' })
    }
  }

  return (
    <Screen>
      {(unread > 0 || first?.unreadCapped) && (
        <View className="inbox__head">
          <Text className="inbox__count">{unreadText} 条未读</Text>
          <Button size="small" fill="outline" type="primary" onClick={() => void readAll()}>
            全部已读
          </Button>
        </View>
      )}
      <PageState {...stateOf(session, req)} empty={items.length === 0} emptyText="暂时没有消息">
        <View>
          {items.map((n) => (
            <View
              key={n._id}
              className={`card inbox-item ${n.read ? '' : 'inbox-item--unread'}`}
              {...TAPPABLE}
              onClick={() => void open(n)}
            >
              <View className="inbox-item__head">
                {!n.read && <View className="inbox-item__dot" />}
                <Text className="inbox-item__title">{n.title}</Text>
              </View>
              <Text className="inbox-item__body">{n.body}</Text>
              <Text className="hint">{formatTime(n.createdAt, Date.now())}</Text>
            </View>
          ))}
          {req.moreError && <Text className="form-failure">{req.moreError}</Text>}
          {req.canLoadMore && (
            <Button block fill="outline" disabled={req.loadingMore} onClick={req.loadMore}>
              {req.loadingMore ? '加载中…' : '加载更多'}
            </Button>
          )}
        </View>
      </PageState>
    </Screen>
  )
}

export default observer(InboxPage)
