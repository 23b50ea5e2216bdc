/**
 * How the SLA timer tells people: once per run, every notice with its audience keys
 * (`staff:<communityId>`, `street:<streetId>`, `user:<userId>`). For now through the in-app
 * inbox and subscribe messages (`notifyEach`), with each audience looked up once per run and
 * one subscribe message per person per run (the inbox holds every notice), so what a run
 * costs is bounded by the audiences it names, not by how many items went overdue.
 * Answers the round trips it made. Never throws: the marks stand even if telling fails.
 */
import { notifyEach, type Message, type Recipient } from '../_runtime/notify'
import { communityStaff, streetStaff, usersById } from '../_runtime/recipients'
import type { SweepContext } from './sweep'

export interface Notice {
  audience: string[]
  type: string
  title: string
  body: string
  demandId: string
}

/**
 * Distinct audiences one run may name: each costs a lookup and a subscribe message per
 * person in it. The sweep leaves items that would exceed it for the next run.
 */
export const AUDIENCES_PER_RUN = 8

const USERS_PER_LOOKUP = 100

export async function tell(ctx: SweepContext, notices: Notice[]): Promise<number> {
  if (notices.length === 0) return 0
  let trips = 0
  try {
    const keys = [...new Set(notices.flatMap((n) => n.audience))]
    const byKey = new Map<string, Recipient[]>()
    const users = keys.filter((k) => k.startsWith('user:')).map((k) => k.slice('user:'.length))
    const lookups: Promise<void>[] = []
    for (let i = 0; i < users.length; i += USERS_PER_LOOKUP) {
      const ids = users.slice(i, i + USERS_PER_LOOKUP)
      lookups.push(usersById(ctx.db, ids).then((found) => found.forEach((r) => byKey.set(`user:${r.userId}`, [r]))))
    }
    for (const key of keys) {
      const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
      if (kind === 'staff') lookups.push(communityStaff(ctx.db, id).then((r) => void byKey.set(key, r)))
      else if (kind === 'street') lookups.push(streetStaff(ctx.db, id).then((r) => void byKey.set(key, r)))
    }
    trips += lookups.length
    await Promise.all(lookups)

    const counts = new Map<string, number>()
    const audienceOf = (n: Notice) => [...new Map(n.audience.flatMap((k) => byKey.get(k) ?? []).map((r) => [r.userId, r])).values()]
    for (const n of notices) for (const r of audienceOf(n)) counts.set(r.userId, (counts.get(r.userId) ?? 0) + 1)
    const pushed = new Set<string>()
    const deliveries: { recipients: Recipient[]; message: Message }[] = []
    for (const n of notices) {
      const message: Message = {
        type: n.type,
        title: n.title,
        body: n.body,
        demandId: n.demandId,
        page: `pages/index/index?demandId=${n.demandId}`,
      }
      const quiet: Recipient[] = []
      for (const r of audienceOf(n)) {
        if (!r.openid || pushed.has(r.userId)) {
          quiet.push({ userId: r.userId })
          continue
        }
        // This person's one subscribe message of the run: it says how many more wait in the inbox.
        pushed.add(r.userId)
        const more = counts.get(r.userId)! - 1
        deliveries.push({ recipients: [r], message: more > 0 ? { ...message, body: `${n.body}（另有 ${more} 条）` } : message })
      }
      if (quiet.length > 0) deliveries.push({ recipients: quiet, message })
    }
    if (deliveries.length === 0) return trips
    trips += 1 + pushed.size
    await notifyEach(ctx, deliveries)
  } catch (error) {
    console.error('sla: notices not delivered:', error)
  }
  return trips
}
