/**
 * A unit's live bid while bidding is open: its contact is offered to change or withdraw it
 * (and nobody else is), and a withdrawal is a step of the project's public timeline, written
 * with the withdrawal itself, under the unit's name. A member holding a score is offered to
 * withdraw it while the review is open.
 */
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { readAll } from './support/mall'
import { bidInput, board, DAY, inReview, published, scores } from './support/projects'

jest.setTimeout(120_000)

const t = useHonglin()
useRoundTripBudget(t)

const withdrawals = (p: any) => p.timeline.filter((e: any) => e.action === 'withdrawBid')

describe('withdrawBid in the timeline', () => {
  test('a withdrawal adds one step naming the unit; a retry adds none and answers the withdrawn bid', async () => {
    const b = board(t, { members: 3, units: 2 })
    const project = await published(t, b)
    const bid = await t.ok('project', 'bid', { projectId: project._id, ...bidInput(t) }, b.contacts[0])
    const at = t.emulator.clock.now()
    const withdrawn = await t.ok('project', 'withdrawBid', { bidId: bid._id, reason: '人手调整，无法按期实施' }, b.contacts[0])
    expect(withdrawn.status).toBe('withdrawn')

    const [stored] = await readAll(t, 'projects', { _id: project._id })
    expect(stored.bidCount).toBe(0)
    const steps = withdrawals(stored)
    expect(steps).toHaveLength(1)
    expect(steps[0]).toMatchObject({ byName: '共建单位1' })
    // The reason is the unit's word to staff, kept on the bid, not in the public history.
    expect(steps[0].reason).toBeUndefined()
    expect(steps[0].at).toBeGreaterThanOrEqual(at)
    expect(steps[0].from).toBeUndefined()
    expect(steps[0].to).toBeUndefined()

    // Everyone who sees the project sees the step.
    const seen = await t.ok('project', 'get', { id: project._id }, b.resident)
    expect(withdrawals(seen).map((e: any) => e.byName)).toEqual(['共建单位1'])

    const retried = await t.ok('project', 'withdrawBid', { bidId: bid._id }, b.contacts[0])
    expect(retried).toMatchObject({ _id: bid._id, status: 'withdrawn', withdrawReason: '人手调整，无法按期实施' })
    const [after] = await readAll(t, 'projects', { _id: project._id })
    expect(withdrawals(after)).toHaveLength(1)
    expect(after.bidCount).toBe(0)
  })

  test('the same withdrawal twice at once lowers the count once and leaves one step', async () => {
    const b = board(t, { members: 3, units: 2 })
    const project = await published(t, b)
    const bid = await t.ok('project', 'bid', { projectId: project._id, ...bidInput(t) }, b.contacts[0])
    await t.ok('project', 'bid', { projectId: project._id, ...bidInput(t) }, b.contacts[1])
    const both = await Promise.all([0, 1].map(() => t.call('project', 'withdrawBid', { bidId: bid._id }, b.contacts[0])))
    expect(both.every((r) => r.ok && r.data.status === 'withdrawn')).toBe(true)
    const [stored] = await readAll(t, 'projects', { _id: project._id })
    expect(stored.bidCount).toBe(1)
    expect(withdrawals(stored)).toHaveLength(1)
  })

  test('a refused withdrawal leaves no step: another unit, or after the deadline', async () => {
    const b = board(t, { members: 3, units: 2 })
    const project = await published(t, b)
    const bid = await t.ok('project', 'bid', { projectId: project._id, ...bidInput(t) }, b.contacts[0])
    expect((await t.call('project', 'withdrawBid', { bidId: bid._id }, b.contacts[1])).error?.code).toBe('NOT_FOUND')
    t.emulator.clock.advance(8 * DAY)
    const late = await t.call('project', 'withdrawBid', { bidId: bid._id }, b.contacts[0])
    expect(late.error).toMatchObject({ code: 'INVALID_STATE', message: '揭榜已截止' })
    const [stored] = await readAll(t, 'projects', { _id: project._id })
    expect(withdrawals(stored)).toHaveLength(0)
    expect(stored.bidCount).toBe(1)
    const [kept] = await readAll(t, 'project_bids', { _id: bid._id })
    expect(kept.status).toBe('live')
  })
})

describe('updateBid and withdrawBid among the available actions', () => {
  test('offered exactly to the contact of the unit with a live bid while bidding is open', async () => {
    const b = board(t, { members: 3, units: 3 })
    const project = await published(t, b)
    const actionsOf = async (openid: string) => (await t.ok('project', 'get', { id: project._id }, openid)).availableActions as string[]
    const bidActions = (list: string[]) => list.filter((a) => ['bid', 'updateBid', 'withdrawBid'].includes(a))

    expect(bidActions(await actionsOf(b.contacts[0]))).toEqual(['bid'])
    const bid = await t.ok('project', 'bid', { projectId: project._id, ...bidInput(t) }, b.contacts[0])
    expect(bidActions(await actionsOf(b.contacts[0]))).toEqual(['updateBid', 'withdrawBid'])
    // Another unit's contact, staff, a member and a resident are not offered them.
    expect(bidActions(await actionsOf(b.contacts[1]))).toEqual(['bid'])
    for (const other of [b.staff, b.members[0]!.openid, b.resident]) expect(bidActions(await actionsOf(other))).toEqual([])

    // Withdrawn: the unit may bid again, and is no longer offered to change or withdraw.
    await t.ok('project', 'withdrawBid', { bidId: bid._id }, b.contacts[0])
    expect(bidActions(await actionsOf(b.contacts[0]))).toEqual(['bid'])

    // After the deadline nobody is offered any of them, live bid or not.
    await t.ok('project', 'bid', { projectId: project._id, ...bidInput(t) }, b.contacts[0])
    t.emulator.clock.advance(8 * DAY)
    expect(bidActions(await actionsOf(b.contacts[0]))).toEqual([])
    expect(bidActions(await actionsOf(b.contacts[1]))).toEqual([])
  })
})

describe('withdrawScore among the available actions', () => {
  test('offered to a member holding a live score while the review is open; after it, they are offered to score again', async () => {
    const b = board(t, { members: 3, units: 2 })
    const { project, bids } = await inReview(t, b, [0, 1])
    const [me, other] = b.members
    const actionsOf = async (openid: string) => (await t.ok('project', 'get', { id: project._id }, openid)).availableActions as string[]
    const scoring = (list: string[]) => list.filter((a) => ['score', 'withdrawScore'].includes(a))

    expect(scoring(await actionsOf(me!.openid))).toEqual(['score'])
    await t.ok('project', 'score', { projectId: project._id, bidId: bids[0]._id, scores: scores(8, 7, 6) }, me!.openid)
    expect(scoring(await actionsOf(me!.openid))).toEqual(['score', 'withdrawScore'])
    await t.ok('project', 'score', { projectId: project._id, bidId: bids[1]._id, scores: scores(6, 6, 6) }, me!.openid)
    expect(scoring(await actionsOf(me!.openid))).toEqual(['withdrawScore'])
    expect(scoring(await actionsOf(other!.openid))).toEqual(['score'])
    expect(scoring(await actionsOf(b.staff))).toEqual([])

    await t.ok('project', 'withdrawScore', { projectId: project._id, bidId: bids[1]._id, reason: '预算项看错了' }, me!.openid)
    expect(scoring(await actionsOf(me!.openid))).toEqual(['score', 'withdrawScore'])
  })
})
