/**
 * Telling the people a demand's transition concerns. Parties are resolved to users (with the
 * OPENIDs subscribe messages need) in at most one query per kind, run in parallel: the named
 * people by id, the community's staff, the contacts of an assigned unit; people the action
 * already read are passed in and not looked up again. The caller is never told about their
 * own action. Delivery runs after the transition is written; a failure is logged, not
 * answered: the transition stands, and a retry would only meet the new state.
 */
import type { Demand, RoleGrant } from '@honglin/shared'
import { Collections, type Db } from './db'
import type { ActionContext } from './function'
import { notifyEach, type Recipient } from './notify'
import { communityStaff, usersById } from './recipients'

export type Party = 'owner' | 'creator' | 'assignee' | 'staff'

export interface Announcement {
  /** What happened, e.g. `demand.accepted`; `task.*` use the assignment template. */
  type: string
  /** Short (subscribe messages show 20 characters). */
  title: string
  /** Defaults to the demand's title. */
  body?: string
}

export interface Delivery {
  parties: Party[]
  message: Announcement
}

export function announce(
  ctx: ActionContext,
  demand: Demand,
  parties: Party[],
  message: Announcement,
  known: Recipient[] = [],
): Promise<void> {
  return announceEach(ctx, demand, [{ parties, message }], known)
}

/** Different messages to different parties, with one lookup and one inbox write. */
export async function announceEach(ctx: ActionContext, demand: Demand, deliveries: Delivery[], known: Recipient[] = []): Promise<void> {
  try {
    const byParty = await recipientsOf(ctx, demand, [...new Set(deliveries.flatMap((d) => d.parties))], known)
    await notifyEach(
      ctx,
      deliveries.map(({ parties, message }) => ({
        recipients: parties.flatMap((p) => byParty.get(p) ?? []).filter((r) => r.userId !== ctx.actor.userId),
        message: {
          type: message.type,
          title: message.title,
          body: message.body ?? demand.title,
          demandId: demand._id,
          page: `pages/index/index?demandId=${demand._id}`,
        },
      })),
    )
  } catch (error) {
    console.warn(
      `notifications for ${demand._id} (${deliveries.map((d) => d.message.type).join(', ')}) not delivered:`,
      (error as Error).message,
    )
  }
}

interface UserRow {
  _id: string
  openid?: string
  grants?: RoleGrant[]
}

/** The recipients of each party, looked up together. */
export async function recipientsOf(
  ctx: ActionContext,
  demand: Demand,
  parties: Party[],
  known: Recipient[] = [],
): Promise<Map<Party, Recipient[]>> {
  const wanted = new Map<Party, string>()
  if (parties.includes('owner')) wanted.set('owner', demand.ownerId)
  if (parties.includes('creator')) wanted.set('creator', demand.createdBy)
  const assignee = parties.includes('assignee') ? demand.assignee : undefined
  if (assignee?.type === 'volunteer') wanted.set('assignee', assignee.id)
  const skip = new Set([ctx.actor.userId, ...known.map((r) => r.userId)])
  const ids = [...new Set(wanted.values())].filter((id) => !skip.has(id))

  const [people, staff, contacts] = await Promise.all([
    ids.length > 0 ? usersById(ctx.db, ids) : [],
    parties.includes('staff') ? communityStaff(ctx.db, demand.communityId) : [],
    assignee?.type === 'unit' ? unitContacts(ctx.db, assignee.id) : [],
  ])
  const everyone = new Map([...people, ...known].map((r) => [r.userId, r]))
  const byParty = new Map<Party, Recipient[]>()
  for (const [party, id] of wanted) byParty.set(party, everyone.has(id) ? [everyone.get(id)!] : [])
  byParty.set('staff', staff)
  if (assignee?.type === 'unit') byParty.set('assignee', contacts)
  return byParty
}

/** Contacts of a co-building unit, who act for it (one round trip). */
async function unitContacts(db: Db, unitId: string): Promise<Recipient[]> {
  const res = await db
    .collection(Collections.users)
    .where({ 'grants.unitId': unitId, 'grants.role': 'unit_contact' })
    .field({ openid: true, grants: true })
    .limit(100)
    .get()
  return (res.data as UserRow[])
    .filter((u) => (u.grants ?? []).some((g) => g.role === 'unit_contact' && g.unitId === unitId))
    .map((u) => ({ userId: u._id, openid: u.openid }))
}
