/**
 * Who to tell: the people a notification goes to, found through the `users` indexes. The
 * index narrows on "some grant with this community" and "some grant with this role"; the exact
 * grant (role and scope on the same grant) is checked here.
 */
import type { RoleGrant } from '@honglin/shared'
import type { UserDoc } from './actor'
import { Collections, type Db } from './db'
import type { Recipient } from './notify'

const LIMIT = 100
const FIELDS = { openid: true, grants: true }

type Holder = Pick<UserDoc, '_id' | 'openid' | 'grants'>

const toRecipient = (u: Holder): Recipient => ({ userId: u._id, openid: u.openid })

async function holders(db: Db, query: Record<string, unknown>, match: (g: RoleGrant) => boolean): Promise<Recipient[]> {
  const res = await db.collection(Collections.users).where(query).field(FIELDS).limit(LIMIT).get()
  return (res.data as Holder[]).filter((u) => (u.grants ?? []).some(match)).map(toRecipient)
}

/** Community staff of `communityId` (one round trip). */
export function communityStaff(db: Db, communityId: string): Promise<Recipient[]> {
  return holders(
    db,
    { 'grants.communityId': communityId, 'grants.role': 'community_staff' },
    (g) => g.role === 'community_staff' && g.communityId === communityId,
  )
}

/** Street staff of `streetId` (one round trip). */
export function streetStaff(db: Db, streetId: string): Promise<Recipient[]> {
  return holders(
    db,
    { 'grants.streetId': streetId, 'grants.role': 'street_staff' },
    (g) => g.role === 'street_staff' && g.streetId === streetId,
  )
}

/** Users by id, as recipients (one round trip). */
export async function usersById(db: Db, ids: string[]): Promise<Recipient[]> {
  const unique = [...new Set(ids.filter(Boolean))]
  if (unique.length === 0) return []
  const res = await db
    .collection(Collections.users)
    .where({ _id: db.command.in(unique) })
    .field(FIELDS)
    .limit(LIMIT)
    .get()
  return (res.data as Holder[]).map(toRecipient)
}
