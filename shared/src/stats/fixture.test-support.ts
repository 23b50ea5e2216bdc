/**
 * A hand-built week of one community (2026-03-02, a Monday, to 03-08) and one demand next door,
 * whose every figure is worked out by hand in metrics.test.ts. Times are China time.
 */
import type { Demand, DemandStatus, TimelineEntry } from '../demand/types'
import { dayStart } from './calendar'

export const at = (day: string, hour: number, minute = 0) => dayStart(day) + hour * 3_600_000 + minute * 60_000

let seq = 0

export function demand(
  place: { kind: Demand['kind']; category: string; gridId: string; communityId?: string },
  created: number,
  steps: [action: string, to: DemandStatus, at: number][],
  extra: Partial<Demand> = {},
): Demand {
  const timeline: TimelineEntry[] = [{ at: created, action: 'create', to: 'submitted', actorId: 'u', actorName: 'u' }]
  let from: DemandStatus = 'submitted'
  for (const [action, to, when] of steps) {
    timeline.push({ at: when, action, from, to, actorId: 'u', actorName: 'u' })
    from = to
  }
  return {
    _id: `fx-${++seq}`,
    kind: place.kind,
    category: place.category,
    title: '标题',
    detail: '',
    photos: [],
    address: '新园里3号楼2门301',
    streetId: 's1',
    communityId: place.communityId ?? 'c1',
    gridId: place.gridId,
    urgency: 'normal',
    contactName: '',
    contactPhone: '',
    ownerId: 'r',
    createdBy: 'r',
    requestId: `r-${seq}`,
    status: from,
    createdAt: created,
    updatedAt: timeline.at(-1)!.at,
    timeline,
    version: steps.length + 1,
    ...extra,
  }
}

const elderly = { kind: 'service', category: 'elderly_care', gridId: 'g1' } as const

/** Received, accepted, assigned, accepted late, done, confirmed, rated 5, closed after 96 h. */
export const A = demand(
  elderly,
  at('2026-03-02', 9),
  [
    ['accept', 'accepted', at('2026-03-02', 10, 30)],
    ['assign', 'dispatched', at('2026-03-02', 12)],
    ['acceptAssignment', 'dispatched', at('2026-03-03', 14)],
    ['start', 'in_progress', at('2026-03-03', 15)],
    ['complete', 'done', at('2026-03-04', 9)],
    ['confirm', 'reviewed', at('2026-03-04', 20)],
    ['rate', 'reviewed', at('2026-03-05', 10)],
    ['close', 'closed', at('2026-03-06', 9)],
  ],
  {
    assignee: {
      type: 'volunteer',
      id: 'v',
      name: 'v',
      assignedAt: at('2026-03-02', 12),
      assignedBy: 's',
      acceptedAt: at('2026-03-03', 14),
      points: 20,
    },
    completion: { note: '', photos: [], hours: 2, at: at('2026-03-04', 9) },
    rating: { stars: 5, at: at('2026-03-05', 10) },
  },
)
/** Rejected after 25 h (triage late). */
export const B = demand({ kind: 'report', category: 'street_light', gridId: 'g2' }, at('2026-03-03', 8), [
  ['reject', 'rejected', at('2026-03-04', 9)],
])
/** Merged after 2 h. */
export const C = demand(elderly, at('2026-03-03', 9), [['merge', 'merged', at('2026-03-03', 11)]])
/** Cancelled by the resident after 3 h. */
export const D = demand({ kind: 'wish', category: 'study_supplies', gridId: 'g1' }, at('2026-03-05', 9), [
  ['cancel', 'cancelled', at('2026-03-05', 12)],
])
/** Accepted after 25 h, published, claimed, done, reopened and done again the next week. */
export const E = demand(
  { kind: 'service', category: 'repair', gridId: 'g2' },
  at('2026-03-06', 9),
  [
    ['accept', 'accepted', at('2026-03-07', 10)],
    ['publish', 'open', at('2026-03-07', 11)],
    ['claim', 'dispatched', at('2026-03-08', 11)],
    ['start', 'in_progress', at('2026-03-08', 12)],
    ['complete', 'done', at('2026-03-09', 12)],
    ['reopen', 'in_progress', at('2026-03-09', 18)],
    ['complete', 'done', at('2026-03-10', 9)],
  ],
  {
    hall: { points: 10, publishedAt: at('2026-03-07', 11), publishedBy: 's' },
    assignee: {
      type: 'volunteer',
      id: 'v',
      name: 'v',
      assignedAt: at('2026-03-08', 11),
      assignedBy: 'v',
      acceptedAt: at('2026-03-08', 11),
      points: 10,
    },
    completion: { note: '', photos: [], hours: 1, at: at('2026-03-10', 9) },
  },
)
/** Another community of the same street, still waiting. */
export const F = demand({ ...elderly, communityId: 'c2', gridId: 'g9' }, at('2026-03-02', 9), [])

export const WEEK = [A, B, C, D, E, F]
