/** Asking for subscribe messages: at most 3 per call, never a rejected template again, never twice in one flow. */
import { CHOICES_KEY, MAX_PER_CALL, MOMENT_PURPOSES, Subscriber, type SubscribeDeps } from '../../client/src/logic/subscribe'
import { PURPOSES } from '../../shared/src/notify/templates'

const TEMPLATES = {
  demandStatus: 'T-STATUS',
  taskAssigned: 'T-TASK',
  volunteerReview: 'T-REVIEW',
  mallPickup: 'T-PICKUP',
  staffTodo: 'T-TODO',
}

function setup(answer: (ids: string[]) => Record<string, string>, options: { request?: boolean } = {}) {
  const data: Record<string, string> = {}
  const requests: string[][] = []
  const reports: string[][] = []
  const deps: SubscribeDeps = {
    storage: { get: (k) => data[k], set: (k, v) => void (data[k] = v) },
    request:
      options.request === false
        ? undefined
        : (ids) => {
            requests.push(ids)
            return Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', ...answer(ids) })
          },
    report: async (accepted) => {
      reports.push(accepted)
      return { templates: TEMPLATES, subscriptions: {} }
    },
  }
  return { subscriber: new Subscriber(deps), data, requests, reports, deps }
}

test('every moment asks for templates the server knows, at most 3', () => {
  for (const purposes of Object.values(MOMENT_PURPOSES)) {
    expect(purposes.length).toBeLessThanOrEqual(MAX_PER_CALL)
    for (const p of purposes) expect(PURPOSES).toContain(p)
  }
})

test('nothing is asked before the template ids are known, nor where the API does not exist (H5)', async () => {
  const { subscriber, requests } = setup(() => ({}))
  expect(await subscriber.ask('ordered', 'flow-1')).toEqual([])
  expect(requests).toEqual([])
  const h5 = setup(() => ({}), { request: false })
  await h5.subscriber.load()
  expect(await h5.subscriber.ask('ordered', 'flow-1')).toEqual([])
  expect(h5.reports).toEqual([[]])
})

test('the request starts inside the tap: synchronously, before ask returns', async () => {
  const { subscriber, requests } = setup((ids) => Object.fromEntries(ids.map((id) => [id, 'accept'])))
  await subscriber.load()
  const pending = subscriber.ask('ordered', 'flow-1')
  expect(requests).toEqual([['T-STATUS']])
  await pending
})

test('accepted: reported to the server; asked again in the next flow, never twice in one', async () => {
  const { subscriber, requests, reports } = setup((ids) => Object.fromEntries(ids.map((id) => [id, 'accept'])))
  await subscriber.load()
  expect(await subscriber.ask('ordered', 'order-1')).toEqual(['T-STATUS'])
  expect(reports).toEqual([[], ['T-STATUS']])
  expect(await subscriber.ask('ordered', 'order-1')).toEqual([])
  expect(await subscriber.ask('ordered', 'order-2')).toEqual(['T-STATUS'])
  expect(requests).toEqual([['T-STATUS'], ['T-STATUS']])
})

test('rejected, banned or filtered: remembered on the device and never asked again, even by a new app run', async () => {
  const first = setup(() => ({ 'T-TASK': 'reject' }))
  await first.subscriber.load()
  expect(await first.subscriber.ask('tookTask', 'd1')).toEqual([])
  expect(first.reports).toEqual([[]])
  expect(JSON.parse(first.data[CHOICES_KEY]!)).toEqual({ 'T-TASK': 'reject' })

  const again = new Subscriber({ ...first.deps })
  await again.load()
  expect(again.idsFor('tookTask', 'd2')).toEqual([])
  expect(await again.ask('tookTask', 'd2')).toEqual([])
  expect(first.requests).toHaveLength(1)
  // Other templates are still asked.
  expect(again.idsFor('redeemed', 'r1')).toEqual(['T-PICKUP'])

  const banned = setup(() => ({ 'T-PICKUP': 'ban' }))
  await banned.subscriber.load()
  await banned.subscriber.ask('redeemed', 'r1')
  expect(banned.subscriber.idsFor('redeemed', 'r2')).toEqual([])
})

test('a failed request or report changes nothing and never throws', async () => {
  const { subscriber, deps, data } = setup(() => ({}))
  await subscriber.load()
  const failing = new Subscriber({
    ...deps,
    request: () => Promise.reject(new Error('requestSubscribeMessage:fail can only be invoked by user TAP gesture')),
  })
  await failing.load()
  expect(await failing.ask('ordered', 'x')).toEqual([])
  expect(data[CHOICES_KEY]).toBeUndefined()
  const offline = new Subscriber({ ...deps, report: () => Promise.reject(new Error('offline')) })
  await offline.load()
  expect(offline.idsFor('ordered', 'x')).toEqual([])
})

test('never more than 3 ids in one call, whatever a moment lists', async () => {
  const { subscriber, requests } = setup((ids) => Object.fromEntries(ids.map((id) => [id, 'accept'])))
  await subscriber.load()
  const many = MOMENT_PURPOSES as unknown as Record<string, readonly string[]>
  const saved = many.ordered
  ;(many as Record<string, readonly string[]>).ordered = PURPOSES
  try {
    expect(subscriber.idsFor('ordered', 'f')).toHaveLength(MAX_PER_CALL)
    await subscriber.ask('ordered', 'f')
    expect(requests[0]).toHaveLength(MAX_PER_CALL)
  } finally {
    ;(many as Record<string, readonly string[]>).ordered = saved
  }
})
