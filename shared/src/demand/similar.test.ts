import { followVerdict, MAX_FOLLOWERS, rankSimilar, SIMILAR_SHOWN, titleSimilarity } from './similar'

const at = (id: string, title: string, createdAt = 1) => ({ _id: id, title, createdAt })

test('the same words score 1 whatever the spacing and punctuation; nothing shared scores 0', () => {
  expect(titleSimilarity('3号楼路灯不亮', '3号楼 路灯不亮！')).toBe(1)
  expect(titleSimilarity('路灯不亮', '楼道有积水')).toBe(0)
  expect(titleSimilarity('', '路灯不亮')).toBe(0)
})

test('two reports of one broken light are alike, a different problem is not', () => {
  const light = titleSimilarity('3号楼门口路灯不亮', '3号楼路灯坏了不亮')
  const other = titleSimilarity('3号楼门口路灯不亮', '5号楼垃圾没人清')
  expect(light).toBeGreaterThan(0.4)
  expect(other).toBeLessThan(0.25)
})

test('ranked most alike first, newer first among equals, unlike ones left out, at most the shown number', () => {
  const list = [at('a', '路灯不亮', 1), at('b', '路灯不亮', 5), at('c', '3号楼路灯不亮了', 9), at('d', '垃圾堆在楼下', 9)]
  const ranked = rankSimilar('路灯不亮', list)
  expect(ranked.map((d) => d._id)).toEqual(['b', 'a', 'c'])
  expect(ranked[0]!.similarity).toBe(1)
  const many = Array.from({ length: 20 }, (_, i) => at(`x${i}`, '路灯不亮', i))
  expect(rankSimilar('路灯不亮', many)).toHaveLength(SIMILAR_SHOWN)
})

const resident = { userId: 'her', grants: [{ role: 'resident', communityId: 'c1' }] }
const demand = { ownerId: 'owner', createdBy: 'owner', communityId: 'c1', status: 'accepted' as const, followers: [] as string[] }

test('a resident of the community may follow an open demand, again as a retry', () => {
  expect(followVerdict(resident, demand)).toEqual({ allowed: true })
  expect(followVerdict(resident, { ...demand, followers: ['her'] })).toEqual({ allowed: true })
  // Already following stays allowed even once it is full or finished: nothing changes.
  expect(followVerdict(resident, { ...demand, status: 'closed', followers: ['her'] }).allowed).toBe(true)
})

test('not her own, not another community, not finished, not past the bound', () => {
  expect(followVerdict({ ...resident, userId: 'owner' }, demand)).toMatchObject({ allowed: false, reason: 'own_demand' })
  expect(followVerdict({ userId: 'x', grants: [{ role: 'resident', communityId: 'c2' }] }, demand)).toMatchObject({
    reason: 'not_resident',
  })
  expect(followVerdict({ userId: 'x', grants: [{ role: 'volunteer', communityId: 'c1' }] }, demand)).toMatchObject({
    reason: 'not_resident',
  })
  expect(followVerdict(resident, { ...demand, status: 'closed' })).toMatchObject({ reason: 'finished' })
  expect(followVerdict(resident, { ...demand, status: 'done' })).toMatchObject({ reason: 'finished' })
  const full = Array.from({ length: MAX_FOLLOWERS }, (_, i) => `f${i}`)
  expect(followVerdict(resident, { ...demand, followers: full })).toMatchObject({ reason: 'full' })
})
