/**
 * One SLA sweep over the active demands (submitted, dispatched, in progress, done), page by
 * page through the `status` index: marks newly overdue items and escalates them to the
 * community's staff and the street; clears marks that no longer hold; confirms, on the
 * resident's behalf, work left unconfirmed for 7 days. Every write is conditional on the
 * version read, so a demand someone changed meanwhile is left for the next sweep, and a
 * second sweep finds nothing new to say.
 */
import { assertAllowed, evaluateSla, type Demand, type DemandStatus, type SlaStage, type TimelineEntry } from '@honglin/shared'
import { Collections, writeDemandIfUnchanged, type Db } from '../_runtime/db'
import { notifyEach, type Message, type Recipient } from '../_runtime/notify'
import { communityStaff, streetStaff, usersById } from '../_runtime/recipients'
import type cloud from 'wx-server-sdk'

export const ACTIVE: readonly DemandStatus[] = ['submitted', 'dispatched', 'in_progress', 'done']
export const PAGE_SIZE = 100

/** What the sweep reads of a demand: what the rules and the messages need, not photos or timeline. */
const FIELDS = {
  status: true,
  urgency: true,
  createdAt: true,
  assignee: true,
  overdue: true,
  completion: true,
  title: true,
  ownerId: true,
  communityId: true,
  streetId: true,
  version: true,
}

const StageLabels: Record<SlaStage, string> = { triage: '受理', acceptance: '接单', work: '办理' }

export interface SweepContext {
  db: Db
  cloud: typeof cloud
  now: number
}

export interface SweepSummary {
  scanned: number
  overdue: number
  cleared: number
  autoConfirmed: number
  /** Demands whose review failed (logged; the next sweep tries again). */
  failed: number
}

export async function sweep(ctx: SweepContext): Promise<SweepSummary> {
  const summary: SweepSummary = { scanned: 0, overdue: 0, cleared: 0, autoConfirmed: 0, failed: 0 }
  const people = new People(ctx.db)
  const _ = ctx.db.command
  let after = ''
  for (;;) {
    const res = await ctx.db
      .collection(Collections.demands)
      .where({ status: _.in([...ACTIVE]), _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(PAGE_SIZE)
      .field(FIELDS)
      .get()
    const page = res.data as Demand[]
    summary.scanned += page.length
    const deliveries = await Promise.all(
      page.map((demand) =>
        review(ctx, demand, people, summary).catch((error: unknown) => {
          summary.failed += 1
          console.error(`sla: demand ${demand._id} not reviewed:`, error)
          return undefined
        }),
      ),
    )
    // One inbox write for the whole page. The marks stand even if telling fails (logged).
    const due = deliveries.filter((d): d is Delivery => !!d)
    if (due.length > 0) await notifyEach(ctx, due).catch((error: unknown) => console.error('sla: notifications not delivered:', error))
    if (page.length < PAGE_SIZE) return summary
    after = page[page.length - 1]!._id
  }
}

interface Delivery {
  recipients: Recipient[]
  message: Message
}

/** Applies the SLA finding to one demand; answers who to tell, if anyone. */
async function review(ctx: SweepContext, demand: Demand, people: People, summary: SweepSummary): Promise<Delivery | undefined> {
  const finding = evaluateSla(demand, ctx.now)
  const _ = ctx.db.command
  const about = { demandId: demand._id, page: `pages/index/index?demandId=${demand._id}` }
  if (finding.autoConfirm) {
    const to = assertAllowed('system', 'confirm', demand)
    const entry: TimelineEntry = {
      at: ctx.now,
      action: 'confirm',
      from: demand.status,
      to,
      actorId: 'system',
      actorName: '系统',
      note: '完成后 7 天内未确认，系统自动确认',
    }
    const patch: Record<string, unknown> = { status: to, updatedAt: ctx.now, timeline: _.push([entry]) }
    if (demand.overdue) patch.overdue = _.remove()
    if ((await writeDemandIfUnchanged(ctx.db, demand, patch)) === 'lost') return undefined
    summary.autoConfirmed += 1
    if (demand.overdue) summary.cleared += 1
    const [owner, staff] = await Promise.all([people.users([demand.ownerId]), people.communityStaff(demand.communityId)])
    return {
      recipients: [...owner, ...staff],
      message: {
        type: 'demand.autoConfirmed',
        title: '点单已自动确认',
        body: `「${demand.title}」完成后 7 天未确认，系统已自动确认`,
        ...about,
      },
    }
  }
  if (finding.newlyOverdue) {
    const { stage, since } = finding.newlyOverdue
    const overdue = { since, stage, escalatedAt: ctx.now }
    if ((await writeDemandIfUnchanged(ctx.db, demand, { overdue: _.set(overdue) })) === 'lost') return undefined
    summary.overdue += 1
    const [staff, street] = await Promise.all([people.communityStaff(demand.communityId), people.streetStaff(demand.streetId)])
    return {
      recipients: [...staff, ...street],
      message: {
        type: 'demand.overdue',
        title: `点单${StageLabels[stage]}超时`,
        body: `「${demand.title}」${StageLabels[stage]}已超时，已上报街道`,
        ...about,
      },
    }
  }
  if (finding.cleared) {
    if ((await writeDemandIfUnchanged(ctx.db, demand, { overdue: _.remove() })) === 'lost') return undefined
    summary.cleared += 1
  }
  return undefined
}

/** Recipients looked up once per sweep (many overdue items share a community). */
class People {
  private readonly cache = new Map<string, Promise<Recipient[]>>()

  constructor(private readonly db: Db) {}

  communityStaff(communityId: string): Promise<Recipient[]> {
    return this.once(`community:${communityId}`, () => communityStaff(this.db, communityId))
  }

  streetStaff(streetId: string): Promise<Recipient[]> {
    return this.once(`street:${streetId}`, () => streetStaff(this.db, streetId))
  }

  users(ids: string[]): Promise<Recipient[]> {
    return this.once(`users:${ids.join(',')}`, () => usersById(this.db, ids))
  }

  private once(key: string, load: () => Promise<Recipient[]>): Promise<Recipient[]> {
    let found = this.cache.get(key)
    if (!found) this.cache.set(key, (found = load()))
    return found
  }
}
