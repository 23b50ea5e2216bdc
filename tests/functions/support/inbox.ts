/**
 * What a person sees in the in-app inbox, read straight from the event rows: the events whose
 * audience holds one of their keys (from their grants as stored now), not caused by them,
 * newest first. The suites use it to check who was told what.
 */
import { keysOfUser, type RoleGrant } from '@honglin/shared'
import type { Honglin } from '../../helpers/honglin'

export async function eventsSeenBy(t: Honglin, userId: string, demandId?: string): Promise<any[]> {
  const _ = t.db.command
  const user = (await t.db.collection('users').where({ _id: userId }).get()).data[0] as { grants?: RoleGrant[] } | undefined
  const where = { audience: _.in(keysOfUser(userId, user?.grants ?? [])), actorId: _.neq(userId) }
  const res = await t.db.collection('notifications').where(where).orderBy('at', 'desc').orderBy('_id', 'desc').limit(1000).get()
  // The demand is picked here, not in the query: the index serves exactly what the inbox asks.
  return demandId ? res.data.filter((n: { demandId?: string }) => n.demandId === demandId) : res.data
}

/** Runs the `notify` timer until no event is pending: the subscribe messages of everything so far are sent. */
export async function sendQueued(t: Honglin): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    const { result, error } = await t.emulator.functions.fireTimer('notify', 'queue')
    if (error || !(result as { ok: boolean }).ok) throw new Error(`notify queue failed: ${error ?? JSON.stringify(result)}`)
    if (!(result as { data: { more: boolean } }).data.more) return
  }
  throw new Error('the notify queue did not drain')
}
