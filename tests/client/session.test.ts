/** The session store: login, roles and the active role, 长辈模式, persona switches. */
import { SessionStore, ELDER_STORAGE_KEY, PERSONA_STORAGE_KEY, roleStorageKey, type KeyValueStorage } from '../../client/src/stores/session'
import type { Api } from '../../client/src/services/api-core'

function memory(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial }
  return { data, get: (k) => data[k], set: (k, v) => void (data[k] = v) }
}

const profile = (over: Record<string, unknown> = {}) => ({
  profile: { userId: 'u1', name: '王小红', elderMode: false, pointsBalance: 30, createdAt: 1, ...over },
  grants: [
    { role: 'resident', communityId: 'c1' },
    { role: 'volunteer', communityId: 'c1' },
  ],
  volunteer: null,
  isNew: false,
})

function fakeApi(answers: Record<string, (input: any) => unknown>): Api & { calls: [string, string, unknown][] } {
  const calls: [string, string, unknown][] = []
  const fn = (async (f: string, a: string, input: unknown) => {
    calls.push([f, a, input])
    const answer = answers[`${f}.${a}`]
    if (!answer) throw new Error(`unexpected ${f}.${a}`)
    return answer(input)
  }) as unknown as Api & { calls: typeof calls }
  fn.calls = calls
  return fn
}

test('login keeps profile and grants; the most specific role is active first', async () => {
  const session = new SessionStore(memory(), fakeApi({ 'user.login': () => profile() }))
  expect(session.openid).toBe('demo-resident')
  await session.login()
  expect(session.status).toBe('ready')
  expect(session.profile?.name).toBe('王小红')
  expect(session.roles).toEqual(['volunteer', 'resident'])
  expect(session.activeRole).toBe('volunteer')
  expect(session.communityId).toBe('c1')
})

test('the chosen role is remembered per person', async () => {
  const storage = memory()
  const api = fakeApi({ 'user.login': () => profile() })
  const first = new SessionStore(storage, api)
  await first.login()
  first.setActiveRole('resident')
  first.setActiveRole('community_staff') // not held: ignored
  expect(first.activeRole).toBe('resident')
  expect(storage.data[roleStorageKey('demo-resident')]).toBe('resident')
  const again = new SessionStore(storage, api)
  await again.login()
  expect(again.activeRole).toBe('resident')
})

test('a failed login shows its message and can be retried', async () => {
  let fail = true
  const session = new SessionStore(
    memory(),
    fakeApi({
      'user.login': () => {
        if (fail) throw new Error('网络异常，请稍后重试')
        return profile()
      },
    }),
  )
  await session.login()
  expect(session.status).toBe('error')
  expect(session.error).toBe('网络异常，请稍后重试')
  fail = false
  await session.login()
  expect(session.status).toBe('ready')
})

test('长辈模式 applies at once, persists locally and is saved to the profile', async () => {
  const storage = memory()
  const api = fakeApi({ 'user.login': () => profile(), 'user.updateProfile': (input) => profile({ elderMode: input.elderMode }) })
  const session = new SessionStore(storage, api)
  await session.login()
  const saving = session.setElderMode(true)
  expect(session.elderMode).toBe(true)
  await saving
  expect(storage.data[ELDER_STORAGE_KEY]).toBe('1')
  expect(api.calls.at(-1)).toEqual(['user', 'updateProfile', { elderMode: true }])
  expect(new SessionStore(storage, api).elderMode).toBe(true)
})

test('switching persona stores it and logs in again; only the latest login counts', async () => {
  const storage = memory()
  let release: () => void = () => undefined
  const api = fakeApi({
    'user.login': () =>
      api.calls.length === 1 ? new Promise((resolve) => (release = () => resolve(profile({ name: '旧的' })))) : profile({ name: '刘书记' }),
  })
  const session = new SessionStore(storage, api)
  const slow = session.login()
  expect(session.switchPersona('demo-staff')).toBe(true)
  expect(session.switchPersona('nobody')).toBe(false)
  expect(storage.data[PERSONA_STORAGE_KEY]).toBe('demo-staff')
  await new Promise((r) => setTimeout(r, 0))
  release()
  await slow
  expect(session.profile?.name).toBe('刘书记')
})
