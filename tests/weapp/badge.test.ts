/**
 * The 消息 tab's badge in the weapp build: a tab page counts unread messages through the real
 * `notify.inbox` and marks tab 1 with that count through `wx.setTabBarBadge` (none when 0).
 */
import { useWeapp } from './support/harness'

const w = useWeapp()

beforeEach(() => w.clearLog())

test('the home page marks 消息 with the unread count notify.inbox answered', async () => {
  const page = await w.open('pages/index/index')
  await page.waitForText('我的点单')
  const inbox = () => w.wx.cloudCalls.find((c) => c.name === 'notify' && c.data?.action === 'inbox' && c.result?.ok)
  await page.waitFor(() => Boolean(inbox()) && w.wx.badges.length > 0, 'the unread count')
  const unread = inbox()!.result.data.unread as number
  expect(w.wx.badges.at(-1)).toEqual({ index: 1, text: unread > 99 ? '99+' : unread > 0 ? String(unread) : '' })
  page.close()
})
