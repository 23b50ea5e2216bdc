/**
 * Who to tell: the people a notification goes to, found through the `users` indexes. The
 * index narrows on "some grant with this community" and "some grant with this role"; the exact
 * grant (role and scope on the same grant) is checked here. Every lookup reads page after page
 * until it has everyone: no recipient is left out because a list was long.
 */
import { grantReaches, type ParsedKey, type RoleGrant } from '@honglin/shared'
import type { UserDoc } from './actor'
import { Collections, type Db } from './db'
import type { Recipient } from './notify'

/** Rows per request (the server SDK's largest page). */
const PAGE = 1000
/** Ids per `_.in` list. */
const IDS_PER_QUERY = 500
// Subscriptions come along so that people with none left are skipped without a write.
const FIELDS = { openid: true, grants: true, subscriptions: true }

type Holder = Pick<UserDoc, '_id' | 'openid' | 'grants'> & { subscriptions?: Record<string, number> }

const toRecipient = (u: Holder): Recipient => ({ userId: u._id, openid: u.openid, subscriptions: u.subscriptions })

/** Every user `query` matches (one round trip per thousand). */
async function allUsers(db: Db, query: Record<string, unknown>): Promise<Holder[]> {
  const rows: Holder[] = []
  for (;;) {
    const res = await db.collection(Collections.users).where(query).field(FIELDS).skip(rows.length).limit(PAGE).get()
    rows.push(...(res.data as Holder[]))
    if (res.data.length < PAGE) return rows
  }
}

async function holders(db: Db, query: Record<string, unknown>, match: (g: RoleGrant) => boolean): Promise<Recipient[]> {
  return (await allUsers(db, query)).filter((u) => (u.grants ?? []).some(match)).map(toRecipient)
}

/** Community staff of `communityId` (one round trip per thousand). */
export function communityStaff(db: Db, communityId: string): Promise<Recipient[]> {
  return holders(
    db,
    { 'grants.communityId': communityId, 'grants.role': 'community_staff' },
    (g) => g.role === 'community_staff' && g.communityId === communityId,
  )
}

/** Street staff of `streetId` (one round trip per thousand). */
export function streetStaff(db: Db, streetId: string): Promise<Recipient[]> {
  return holders(
    db,
    { 'grants.streetId': streetId, 'grants.role': 'street_staff' },
    (g) => g.role === 'street_staff' && g.streetId === streetId,
  )
}

/** Users by id, as recipients (one round trip per 500 ids). */
export async function usersById(db: Db, ids: string[]): Promise<Recipient[]> {
  const unique = [...new Set(ids.filter(Boolean))]
  const chunks: string[][] = []
  for (let i = 0; i < unique.length; i += IDS_PER_QUERY) chunks.push(unique.slice(i, i + IDS_PER_QUERY))
  const found = await Promise.all(chunks.map((chunk) => allUsers(db, { _id: db.command.in(chunk) })))
  return found.flat().map(toRecipient)
}

/** The grant field and role each kind of group key is found by (the `grant_*` indexes). */
const GROUPS = {
  staff: { field: 'grants.communityId', role: 'community_staff' },
  street: { field: 'grants.streetId', role: 'street_staff' },
  unit: { field: 'grants.unitId', role: 'unit_contact' },
} as const

/**
 * The people each audience key reaches, with one lookup per kind of key (users by id, staff of
 * all the communities, street staff, unit contacts; in parallel), paged until complete.
 * Answers recipients by key.
 */
export async function resolveKeys(db: Db, keys: ParsedKey[]): Promise<Map<string, Recipient[]>> {
  const _ = db.command
  const ids = (kind: ParsedKey['kind']) => [...new Set(keys.filter((k) => k.kind === kind).map((k) => k.id))]
  const groupKinds = (['staff', 'street', 'unit'] as const).filter((kind) => ids(kind).length > 0)
  const [people, ...groups] = await Promise.all([
    usersById(db, ids('user')),
    ...groupKinds.map((kind) => {
      const scope = ids(kind)
      const { field, role } = GROUPS[kind]
      return allUsers(db, { [field]: scope.length === 1 ? scope[0] : _.in(scope), 'grants.role': role })
    }),
  ])
  const byKey = new Map<string, Recipient[]>()
  for (const p of people) byKey.set(`user:${p.userId}`, [p])
  groupKinds.forEach((kind, i) => {
    for (const id of ids(kind)) {
      const key = { kind, id }
      byKey.set(`${kind}:${id}`, groups[i]!.filter((u) => (u.grants ?? []).some((g) => grantReaches(g, key))).map(toRecipient))
    }
  })
  return byKey
}
