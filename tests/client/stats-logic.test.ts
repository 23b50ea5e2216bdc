/** The stats screens' small decisions: exports, the heat table's rows, turning a 高频问题 into a need. */
import { contract } from '@honglin/shared'
import {
  canPromote,
  exportNext,
  heatRows,
  NEED_MAX_DEMANDS,
  NEED_TITLE_MAX,
  needDraft,
  promoteRequestId,
} from '../../client/src/logic/stats'

test('an export made within the call is handed out at once; a queued or running one is polled; a failed one is not', () => {
  expect(exportNext({ state: 'done', tempFileURL: 'https://x/a.xlsx' })).toBe('open')
  expect(exportNext({ state: 'queued' })).toBe('poll')
  expect(exportNext({ state: 'running' })).toBe('poll')
  expect(exportNext({ state: 'failed' })).toBe('stop')
  // Done without a link (it could not be signed) is nothing to download and nothing to wait for.
  expect(exportNext({ state: 'done' })).toBe('stop')
})

test('the heat table shows the busiest places first as the answer orders them, at most the limit', () => {
  const places = Array.from({ length: 5 }, (_, i) => ({ key: `g${i}`, name: `${i + 1}号网格`, received: 10 - i }))
  expect(heatRows(places, 3)).toEqual([
    { key: 'g0', label: '1号网格' },
    { key: 'g1', label: '2号网格' },
    { key: 'g2', label: '3号网格' },
  ])
  expect(heatRows(places, 30)).toHaveLength(5)
  expect(heatRows([], 30)).toEqual([])
})

test('only the community’s own staff or an admin may turn a hotspot of one community into a need', () => {
  const here = { communityId: 'c1' }
  expect(canPromote(here, [{ role: 'community_staff', communityId: 'c1' }])).toBe(true)
  expect(canPromote(here, [{ role: 'admin' }])).toBe(true)
  expect(canPromote(here, [{ role: 'community_staff', communityId: 'c2' }])).toBe(false)
  expect(canPromote(here, [{ role: 'street_staff' }])).toBe(false)
  expect(canPromote(here, [{ role: 'committee_member', communityId: 'c1' }])).toBe(false)
  // Several grants: the one for this community counts whichever role is active.
  expect(
    canPromote(here, [
      { role: 'committee_member', communityId: 'c1' },
      { role: 'community_staff', communityId: 'c1' },
    ]),
  ).toBe(true)
  // A hotspot spanning communities has none, and no one can put it on one community's list.
  expect(canPromote({}, [{ role: 'admin' }])).toBe(false)
})

test('a hotspot proposes a need the contract accepts: title cut to 40, where it came from, at most 50 demands', () => {
  const ids = Array.from({ length: 60 }, (_, i) => `demand-${i}`)
  const long = '3号楼门口路灯损坏夜间无法照明居民反复反映'.repeat(3)
  const draft = needDraft({ title: long, count: 60, demandIds: ids })
  expect(draft.title).toBe(long.slice(0, NEED_TITLE_MAX))
  expect(draft.detail).toBe(`由高频问题生成：${long}，共 60 条点单`)
  expect(draft.demandIds).toEqual(ids.slice(0, NEED_MAX_DEMANDS))
  const parsed = contract.Schemas.project.promoteNeed.safeParse({ communityId: 'c1', ...draft })
  expect(parsed.success).toBe(true)

  const short = needDraft({ title: '新园社区 · 路灯损坏 · 第48周', count: 3, demandIds: ['a', 'b', 'c'] })
  expect(short).toEqual({
    title: '新园社区 · 路灯损坏 · 第48周',
    detail: '由高频问题生成：新园社区 · 路灯损坏 · 第48周，共 3 条点单',
    demandIds: ['a', 'b', 'c'],
  })
})

test('cutting a title never splits a character outside the basic plane, and stays within the limit as the contract counts', () => {
  const title = `${'路'.repeat(39)}𠀋𠀋`
  const { title: cut } = needDraft({ title, count: 1, demandIds: [] })
  expect(cut).toBe('路'.repeat(39))
  expect(cut.length).toBeLessThanOrEqual(NEED_TITLE_MAX)
  expect(contract.Schemas.project.promoteNeed.safeParse({ communityId: 'c1', title: cut }).success).toBe(true)
})

test('a hotspot is promoted under the same request id whenever the page is opened, and a valid one', () => {
  const surge = {
    kind: 'surge' as const,
    communityId: 'c1',
    gridId: 'g1',
    category: 'rubbish',
    periodKey: '2026-W48',
    title: '第1网格 · 垃圾堆放 · 第48周',
  }
  const id = promoteRequestId(surge)
  expect(promoteRequestId({ ...surge })).toBe(id)
  expect(contract.Schemas.project.promoteNeed.safeParse({ communityId: 'c1', title: '垃圾堆放', requestId: id }).success).toBe(true)
  // Another week, grid or title is another hotspot.
  for (const other of [{ periodKey: '2026-W47' }, { gridId: 'g2' }, { title: '另一个' }])
    expect(promoteRequestId({ ...surge, ...other })).not.toBe(id)
})
