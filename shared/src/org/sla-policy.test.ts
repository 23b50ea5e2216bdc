/** Who may tune a community's deadlines, what a change stores, and the schema's bounds. */
import { DefaultSlaPolicy } from '../demand/sla'
import { parseInput } from '../contract/common'
import { Schemas } from '../contract'
import type { Actor, RoleGrant } from '../roles'
import { mayTuneSlaPolicy, slaPolicyChange } from './sla-policy'

const person = (grants: RoleGrant[]): Actor => ({ userId: 'u', openid: 'u', name: 'u', grants })
const C1 = { _id: 'C1', streetId: 'S1' }

test('community staff of the community, street staff of its street and admins may tune it; nobody else', () => {
  expect(mayTuneSlaPolicy(person([{ role: 'community_staff', communityId: 'C1', streetId: 'S1' }]), C1)).toBe(true)
  expect(mayTuneSlaPolicy(person([{ role: 'street_staff', streetId: 'S1' }]), C1)).toBe(true)
  expect(mayTuneSlaPolicy(person([{ role: 'admin' }]), C1)).toBe(true)
  expect(mayTuneSlaPolicy(person([{ role: 'community_staff', communityId: 'C2', streetId: 'S1' }]), C1)).toBe(false)
  expect(mayTuneSlaPolicy(person([{ role: 'street_staff', streetId: 'S2' }]), C1)).toBe(false)
  expect(mayTuneSlaPolicy(person([{ role: 'grid_worker', communityId: 'C1', streetId: 'S1', gridIds: ['g'] }]), C1)).toBe(false)
  expect(mayTuneSlaPolicy(person([{ role: 'street_staff', streetId: 'S1' }]), { _id: 'C9' })).toBe(false)
})

test('a change stores the stages it sets over those stored before, and reports only the windows that move', () => {
  const current = { triage: { normal: 12, urgent: 2 } }
  const change = slaPolicyChange(current, { triage: { normal: 12, urgent: 2 }, work: { normal: 48, urgent: 12 } })
  expect(change.stored).toEqual({ triage: { normal: 12, urgent: 2 }, work: { normal: 48, urgent: 12 } })
  expect(change.policy).toEqual({ ...DefaultSlaPolicy, ...change.stored })
  expect(change.before).toEqual({ work: DefaultSlaPolicy.work })
  expect(change.after).toEqual({ work: { normal: 48, urgent: 12 } })
  // The same again, or a default set to itself: nothing moves, nothing to write.
  expect(slaPolicyChange(change.stored, { work: { normal: 48, urgent: 12 } }).after).toEqual({})
  expect(slaPolicyChange(undefined, { claim: DefaultSlaPolicy.claim })).toMatchObject({ stored: {}, after: {} })
})

test('the schema refuses windows outside the bounds with field errors under policy.<stage>.<urgency>', () => {
  const refused = (policy: unknown) => {
    try {
      parseInput(Schemas.org.setSlaPolicy, { communityId: 'C1', policy })
    } catch (error) {
      return (error as { fields?: Record<string, string> }).fields
    }
    return undefined
  }
  expect(refused({ triage: { normal: 12, urgent: 2 } })).toBeUndefined()
  expect(refused({ triage: { normal: 0, urgent: 2 } })).toEqual({ 'policy.triage.normal': '受理时限应在 1 到 72 小时之间' })
  expect(refused({ dispatch: { normal: 4, urgent: 6 } })).toEqual({ 'policy.dispatch.urgent': '派单时限（紧急）不能长于一般时限' })
  expect(refused({})).toEqual({ policy: '没有要修改的时限' })
})
