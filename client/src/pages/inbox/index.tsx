import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { contract } from '@honglin/shared'
import PageState, { stateOf } from '../../components/page-state'
import Screen from '../../components/screen'
import { useRequest } from '../../hooks/use-request'
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
  const req = useRequest(() => api('notify', 'inbox', { page: { limit: 50 } }), [session.openid], { enabled: session.ready })
  const items = req.data?.items ?? []
  const unread = req.data?.unread ?? 0
  useUnreadBadge()
  useEffect(() => {
    if (req.data) badge.take(req.data)
  }, [req.data, badge])

  async function open(n: contract.Notification) {
    if (!n.read) {
      try {
        await api('notify', 'markRead', { ids: [n._id] })
        if (req.data)
          req.setData({
            ...req.data,
            unread: Math.max(0, unread - 1),
            items: items.map((x) => (x._id === n._id ? { ...x, read: true } : x)),
          })
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
      {unread > 0 && (
        <View className="inbox__head">
          <Text className="inbox__count">{unread} 条未读</Text>
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
        </View>
      </PageState>
    </Screen>
  )
}

export default observer(InboxPage)
