import { audienceOf, grantReaches, keysOfUser, parseAudienceKey } from './audience'
import { isRead, readStateOf } from './read'

const demand = { ownerId: 'u-owner', createdBy: 'u-grid', communityId: 'c1', assignee: { type: 'volunteer' as const, id: 'u-vol' } }

test('parties become keys: people by id, the assignee as a person or a unit, staff by community', () => {
  expect(audienceOf(demand, ['owner', 'creator', 'assignee', 'staff'])).toEqual(['user:u-owner', 'user:u-grid', 'user:u-vol', 'staff:c1'])
  expect(audienceOf({ ...demand, assignee: { type: 'unit', id: 'unit-1' } }, ['assignee'])).toEqual(['unit:unit-1'])
  expect(audienceOf({ ...demand, assignee: null }, ['assignee'])).toEqual([])
})

test('the same person named twice is one key, and the actor is never in the audience', () => {
  expect(audienceOf({ ...demand, createdBy: 'u-owner' }, ['owner', 'creator'])).toEqual(['user:u-owner'])
  expect(audienceOf(demand, ['owner', 'creator'], 'u-owner')).toEqual(['user:u-grid'])
  expect(audienceOf(demand, ['assignee', 'staff'], 'u-vol')).toEqual(['staff:c1'])
})

test('a user’s keys: their own, and one per staff, unit-contact or volunteer grant; other roles add none', () => {
  expect(
    keysOfUser('u1', [
      { role: 'resident', communityId: 'c1' },
      { role: 'community_staff', communityId: 'c1', streetId: 's1' },
      { role: 'street_staff', streetId: 's1' },
      { role: 'unit_contact', unitId: 'unit-1' },
      { role: 'volunteer', communityId: 'c2' },
      { role: 'grid_worker', communityId: 'c2', gridIds: ['g'] },
    ]),
  ).toEqual(['user:u1', 'staff:c1', 'street:s1', 'unit:unit-1', 'volunteers:c2'])
  expect(keysOfUser('u2')).toEqual(['user:u2'])
})

test('keys parse back, and a grant reaches a key only with the same role and scope', () => {
  expect(parseAudienceKey('staff:c1')).toEqual({ kind: 'staff', id: 'c1' })
  expect(parseAudienceKey('user:a:b')).toEqual({ kind: 'user', id: 'a:b' })
  expect(parseAudienceKey('boss:c1')).toBeUndefined()
  // A community's volunteers are reached in their inboxes only: the send queue never expands it.
  expect(parseAudienceKey('volunteers:c1')).toBeUndefined()
  expect(parseAudienceKey('staff:')).toBeUndefined()
  const staff = parseAudienceKey('staff:c1')!
  expect(grantReaches({ role: 'community_staff', communityId: 'c1' }, staff)).toBe(true)
  expect(grantReaches({ role: 'community_staff', communityId: 'c2' }, staff)).toBe(false)
  expect(grantReaches({ role: 'grid_worker', communityId: 'c1' }, staff)).toBe(false)
  expect(grantReaches({ role: 'unit_contact', unitId: 'u' }, parseAudienceKey('unit:u')!)).toBe(true)
  expect(grantReaches({ role: 'street_staff', streetId: 's' }, parseAudienceKey('street:s')!)).toBe(true)
})

test('read state: up to a time, plus ids read one by one after it', () => {
  const state = readStateOf({
    upTo: 100,
    ids: [
      { id: 'old', at: 90 },
      { id: 'x', at: 120 },
      { id: 'x', at: 120 },
    ],
  })
  expect(state).toEqual({ upTo: 100, ids: [{ id: 'x', at: 120 }] })
  expect(isRead({ _id: 'a', at: 100 }, state)).toBe(true)
  expect(isRead({ _id: 'x', at: 120 }, state)).toBe(true)
  expect(isRead({ _id: 'y', at: 130 }, state)).toBe(false)
  expect(readStateOf(undefined)).toEqual({ upTo: 0, ids: [] })
})

test('co-reporters hear what the owner hears, and only that', () => {
  const followed = { ...demand, followers: ['u-f1', 'u-f2'] }
  expect(audienceOf(followed, ['owner'])).toEqual(['user:u-owner', 'user:u-f1', 'user:u-f2'])
  expect(audienceOf(followed, ['staff', 'assignee'])).toEqual(['staff:c1', 'user:u-vol'])
  expect(audienceOf(followed, ['owner'], 'u-f1')).toEqual(['user:u-owner', 'user:u-f2'])
})
