import { useEffect } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { reaction } from 'mobx'
import { useStores } from '../stores'

/** Index of 消息 in app.config.ts's tab bar. */
const INBOX_TAB = 1

/** On a tab page: counts unread messages when it shows and keeps the 消息 tab's badge in step. */
export function useUnreadBadge(): void {
  const { session, unread } = useStores()
  useDidShow(() => {
    if (session.ready) void unread.refresh()
  })
  useEffect(() => {
    if (session.ready) void unread.refresh()
  }, [session.ready, session.openid, unread])
  useEffect(
    () =>
      reaction(
        () => unread.text,
        (text) => {
          // Fails only where there is no tab bar to mark (a page opened outside the tabs).
          try {
            const done = text ? Taro.setTabBarBadge({ index: INBOX_TAB, text }) : Taro.removeTabBarBadge({ index: INBOX_TAB })
            void Promise.resolve(done).catch(() => undefined)
          } catch {
            // nothing to mark
          }
        },
        { fireImmediately: true },
      ),
    [unread],
  )
}
