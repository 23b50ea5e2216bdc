/**
 * The three tabs as the custom tab bar draws them (the same pages, words and icons as the
 * `tabBar` list in app.config.ts, which WeChat still needs to know which pages are tabs), and
 * which one is showing.
 */
import { observable, runInAction } from 'mobx'

export interface Tab {
  pagePath: string
  text: string
  icon: string
  selectedIcon: string
}

export const TABS: readonly Tab[] = [
  { pagePath: 'pages/index/index', text: '首页', icon: '/assets/tab/home.png', selectedIcon: '/assets/tab/home-on.png' },
  { pagePath: 'pages/inbox/index', text: '消息', icon: '/assets/tab/inbox.png', selectedIcon: '/assets/tab/inbox-on.png' },
  { pagePath: 'pages/mine/index', text: '我的', icon: '/assets/tab/mine.png', selectedIcon: '/assets/tab/mine-on.png' },
]

/** Index of 消息: its tab carries the unread badge. */
export const INBOX_TAB = 1

/**
 * WeChat gives every tab page its own tab bar; all of them draw this one selection, and the
 * page that shows sets it, so the bar in view always marks its own page.
 */
export const selection = observable({ index: 0 })

/** The tab of `path` (with or without a leading slash or a query), or -1. */
export function tabOf(path: string | undefined): number {
  const page = (path ?? '').replace(/^\//, '').split('?')[0]
  return TABS.findIndex((t) => t.pagePath === page)
}

export function select(index: number): void {
  if (index >= 0 && index !== selection.index) runInAction(() => (selection.index = index))
}
