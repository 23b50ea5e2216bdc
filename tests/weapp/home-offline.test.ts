/**
 * The home page when the app launches without network: the login fails visibly, and a tap on
 * the banner retries once the network is back. (A launch of its own: the app logs in once.)
 */
import { useWeapp } from './support/harness'

const w = useWeapp({ offline: true })

test('the failed login shows a banner; a tap retries and the page recovers', async () => {
  // The client logs the failed call; expected here.
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  const page = await w.open('pages/index/index')
  await page.waitForText('登录失败：网络异常，请稍后重试，点此重试')
  expect(w.wx.cloudCalls.find((c) => c.name === 'user')).toMatchObject({ data: { action: 'login' }, status: 0 })
  // The order tiles stay usable while logged out.
  expect(page.byClass('home-tile')).toHaveLength(3)

  w.offline = false
  const logins = () => w.wx.cloudCalls.filter((c) => c.name === 'user')
  await page.tapText(/^登录失败/)
  await page.waitFor(() => logins().at(-1)?.status === 200, 'the second login to answer')
  await page.waitFor(() => !page.text().includes('登录失败'), 'the banner to go away')
  expect(logins().map((c) => c.status)).toEqual([0, 200])
  expect(logins()[1]!.result).toMatchObject({ ok: true, data: { profile: { name: '张阿姨' } } })
  expect(logged).toHaveBeenCalledWith('云函数 user 调用失败', expect.objectContaining({ errMsg: expect.stringMatching(/request:fail/) }))
  logged.mockRestore()
  page.close()
})
