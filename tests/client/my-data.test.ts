/** "我的数据": the export link is shown; account deletion only from the confirmation sheet, with confirm: true. */
import { MyDataStore } from '../../client/src/stores/my-data'
import { ApiError, type Api } from '../../client/src/services/api-core'

function fakeApi(answers: Record<string, (input: any) => unknown>): Api & { calls: [string, string, unknown][] } {
  const calls: [string, string, unknown][] = []
  const fn = (async (f: string, a: string, input: unknown) => {
    calls.push([f, a, input])
    return answers[`${f}.${a}`]!(input)
  }) as unknown as Api & { calls: typeof calls }
  fn.calls = calls
  return fn
}

test('export shows the temporary link; a failure shows its message', async () => {
  let fail = true
  const api = fakeApi({
    'user.exportMyData': () => {
      if (fail) throw new ApiError('INTERNAL', '服务暂时不可用，请稍后重试')
      return { fileID: 'cloud://x/exports/u1/a.json', tempFileURL: 'https://tmp.example/a.json', expiresAt: 5 }
    },
  })
  const store = new MyDataStore(api)
  await store.exportData()
  expect(store.error).toBe('服务暂时不可用，请稍后重试')
  expect(store.link).toBeNull()
  fail = false
  await store.exportData()
  expect(store.error).toBe('')
  expect(store.link).toEqual({ url: 'https://tmp.example/a.json', expiresAt: 5 })
})

test('deletion needs the sheet; keeping the account closes it; confirming sends confirm: true', async () => {
  const api = fakeApi({ 'user.deleteAccount': () => ({ deleted: true, cancelled: 2, anonymised: 3 }) })
  const store = new MyDataStore(api)
  await store.deleteAccount()
  expect(api.calls).toEqual([])

  store.askToDelete()
  store.keepAccount()
  await store.deleteAccount()
  expect(api.calls).toEqual([])

  store.askToDelete()
  await store.deleteAccount()
  expect(api.calls).toEqual([['user', 'deleteAccount', { confirm: true }]])
  expect(store.deleted).toEqual({ cancelled: 2, anonymised: 3 })
  expect(store.confirming).toBe(false)
})

test('a refused deletion keeps the sheet open with the reason', async () => {
  const reason = '您有 1 条点单正在办理或等待您确认，请办结后再注销账号'
  const api = fakeApi({
    'user.deleteAccount': () => {
      throw new ApiError('INVALID_STATE', reason)
    },
  })
  const store = new MyDataStore(api)
  store.askToDelete()
  await store.deleteAccount()
  expect(store.error).toBe(reason)
  expect(store.deleted).toBeNull()
  expect(store.confirming).toBe(true)
})
