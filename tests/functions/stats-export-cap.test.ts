/**
 * A ledger export is refused up front when the days hold more demands than one export makes
 * (MAX_EXPORT_ROWS, counted through the ledger index; lowered here through the environment the
 * function instances inherit), with the field to change; at the cap it is made.
 */
import type { Demand } from '@honglin/shared'
import { useHonglin } from '../helpers/honglin'
import { chinaTime, insertDemands, insertPlace, insertStaff, placedDemand, RL, RL_STAFF } from './support/reports'

// The function instances inherit this: the cap of 50,000 made small enough to reach here.
process.env.HONGLIN_EXPORT_MAX_ROWS = '400'
const MAX_EXPORT_ROWS = 400

const t = useHonglin()

beforeAll(() => {
  insertPlace(t)
  insertStaff(t)
  // One more than the cap on 11-02..11-04, the cap exactly on 11-03..11-04.
  const demands: Demand[] = [placedDemand({ id: 'cap-first', createdAt: chinaTime('2026-11-02') })]
  for (let i = 0; i < MAX_EXPORT_ROWS; i += 1)
    demands.push(placedDemand({ id: `cap-${String(i).padStart(6, '0')}`, createdAt: chinaTime('2026-11-03', i % 2000) }))
  insertDemands(t, demands)
})

test('more rows than one export makes: INVALID_INPUT naming the count; at the cap: a job', async () => {
  const over = await t.call('stats', 'export', { communityId: RL, from: '2026-11-02', to: '2026-11-04', sheet: 'ledger' }, RL_STAFF.openid)
  expect(over.error).toMatchObject({
    code: 'INVALID_INPUT',
    message: `该时段台账共 ${MAX_EXPORT_ROWS + 1} 条，超过单次导出上限 ${MAX_EXPORT_ROWS} 条，请缩短日期范围分次导出`,
  })
  expect(over.error?.fields?.to).toBeDefined()
  expect(over.stats.docsWritten).toBe(0)
  const at = await t.call('stats', 'export', { communityId: RL, from: '2026-11-03', to: '2026-11-04', sheet: 'ledger' }, RL_STAFF.openid)
  // Few enough to make within the call.
  expect(at.data).toMatchObject({ state: 'done', rows: MAX_EXPORT_ROWS })
})
