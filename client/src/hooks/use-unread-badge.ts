import { useEffect } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { reaction } from 'mobx'
import { INBOX_TAB, select, tabOf } from '../custom-tab-bar/tabs'
import { useStores } from '../stores'

/**
 * On a tab page: marks its tab as the one showing (the weapp's custom tab bar), counts unread
 * messages when it shows and keeps the 消息 tab's badge in step. The custom tab bar reads the
 * count from the store; H5's tab bar is Taro's own and takes the badge through the tab bar API.
 */
export function useUnreadBadge(): void {
  const { session, unread } = useStores()
  useDidShow(() => {
    select(tabOf(Taro.getCurrentInstance().router?.path))
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
