/**
 * `annualReport` ({ year, userId?, communityId? }): the 双报到 yearly report. With `userId`, one
 * in-service party member's year — for the member themself or the staff of their community
 * (its street's staff, admins); without, every in-service member of the caller's community
 * (street staff and admins name it), one page each. Answers the figures and evaluation per
 * member (shared/src/stats/annual.ts, evaluation.ts) and one .docx with the letters to the work
 * units and the 喜报 of the outstanding, stored like other exports (deleted after a day) and
 * handed out as a link.
 *
 * A member's year comes from the demands they closed as assignee (index
 * `assignee_status_updated`: assignee, `closed`, updated since the year began — a closed demand
 * changes no more, so that is when it closed or later), read by key 999 at a time: bounded by
 * the member's own items, never a scan. Round trips: one member: the caller, the member, the
 * community and their items (1 per 999) in parallel, the upload and the link: 6. Bulk: the
 * caller, the community, the members (1 per 1,000), the items of each member (10 at a time),
 * the upload, the link: 5 + members. A community's in-service members are at most
 * MAX_MEMBERS here (answered at once, not as a background job).
 */
import { randomBytes } from 'node:crypto'
import {
  AppError,
  contract,
  dayOf,
  goodNewsText,
  isAdmin,
  isInServiceMember,
  isStaffOf,
  isStreetStaffOf,
  letterText,
  memberYear,
  yearBounds,
  type Actor,
  type ClosedItem,
  type Demand,
  type MemberYear,
  type VolunteerRegistration,
} from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { readAll } from '../_runtime/all'
import { DATA_EXPORTS, LINK_SECONDS } from '../_runtime/data-exports'
import { Collections, getDoc, type Db } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { pageByKey, type Order } from '../_runtime/paging'
import { lettersDocx } from './annual-letter'

/** The most members one bulk report covers (one item query each). */
export const MAX_MEMBERS = 300
const ITEM_PAGE = 999
const PARALLEL = 10

const CLOSED_ORDER: Order = [
  { field: 'updatedAt', kind: 'number' },
  { field: '_id', kind: 'string' },
]
const CLOSED_CURSOR = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/

interface Community {
  _id: string
  name: string
  streetId?: string
}

type Member = Pick<UserDoc, '_id' | 'name'> & { volunteer: VolunteerRegistration }

export const annualReport = action({
  schema: contract.Schemas.stats.annualReport,
  async run(ctx, input) {
    const members = input.userId
      ? await oneMember(ctx, input.userId)
      : await communityMembers(ctx, await bulkCommunity(ctx, input.communityId))
    const community = members.community
    const years = await inBatches(members.list, (m) => yearOf(ctx.db, m, input.year))
    const day = dayOf(ctx.now)
    const docx = await lettersDocx(
      years.map((m) => ({
        letter: letterText(m, community.name, day),
        ...(m.evaluation.level === 'outstanding' ? { goodNews: goodNewsText(m, community.name, day) } : {}),
      })),
    )
    const who = input.userId ? years[0]!.name : community.name
    const fileName = `${who}${input.year}年度在职党员双报到情况.docx`
    const { fileID } = await ctx.cloud.uploadFile({
      cloudPath: `exports/annual/${input.year}/${randomBytes(16).toString('hex')}.docx`,
      fileContent: docx,
    })
    // Kept with the data exports, so the daily retention run deletes it a day later.
    await ctx.db.collection(DATA_EXPORTS).add({ data: { userId: ctx.actor.userId, fileID, createdAt: ctx.now } })
    const link = await ctx.cloud.getTempFileURL({ fileList: [{ fileID, maxAge: LINK_SECONDS }] })
    const tempFileURL = link?.fileList?.[0]?.tempFileURL
    if (!tempFileURL) throw new Error(`no temporary link for ${fileID}`)
    return {
      year: input.year,
      community: { id: community._id, name: community.name },
      members: years,
      outstanding: years.filter((m) => m.evaluation.level === 'outstanding').length,
      fileID,
      fileName,
      tempFileURL,
      expiresAt: ctx.now + LINK_SECONDS * 1000,
    }
  },
})

const mayReport = (actor: Actor, community: Community): boolean =>
  isStaffOf(actor, community._id) || (!!community.streetId && isStreetStaffOf(actor, community.streetId))

async function oneMember(ctx: ActionContext, userId: string): Promise<{ community: Community; list: Member[] }> {
  const user = userId === ctx.actor.userId ? ctx.user : await getDoc<UserDoc>(ctx.db, Collections.users, userId)
  const v = user?.volunteer
  if (!user || !v) throw new AppError('NOT_FOUND', '找不到该在职党员')
  const community = await getDoc<Community>(ctx.db, Collections.communities, v.communityId)
  if (!community) throw new AppError('NOT_FOUND', '找不到该在职党员')
  const self = user._id === ctx.actor.userId
  // Someone else's standing is not told to those who may not see it.
  if (!self && !mayReport(ctx.actor, community)) throw new AppError('FORBIDDEN', '只能查看本人或本社区在职党员的年度情况')
  if (!isInServiceMember(v)) throw new AppError(self ? 'FORBIDDEN' : 'NOT_FOUND', '只有在职党员（双报到并填写工作单位）有年度情况函')
  return { community, list: [{ _id: user._id, name: user.name, volunteer: v }] }
}

async function bulkCommunity(ctx: ActionContext, communityId: string | undefined): Promise<Community> {
  const id = communityId ?? ctx.actor.grants.find((g) => g.role === 'community_staff')?.communityId
  if (!id) {
    if (isAdmin(ctx.actor) || ctx.actor.grants.some((g) => g.role === 'street_staff'))
      throw new AppError('INVALID_INPUT', '请选择社区', { communityId: '请选择社区' })
    throw new AppError('FORBIDDEN', '只有社区工作人员可以批量生成年度情况函')
  }
  const community = await getDoc<Community>(ctx.db, Collections.communities, id)
  if (!community) throw new AppError('NOT_FOUND', '找不到该社区')
  if (!mayReport(ctx.actor, community)) throw new AppError('FORBIDDEN', '只能生成本社区在职党员的年度情况函')
  return community
}

async function communityMembers(ctx: ActionContext, community: Community): Promise<{ community: Community; list: Member[] }> {
  const _ = ctx.db.command
  const registered = await readAll<Member>(
    ctx.db,
    Collections.users,
    { 'volunteer.communityId': community._id, 'volunteer.status': _.in(['verified', 'revoked']) },
    { name: true, volunteer: true },
  )
  const list = registered.filter((u) => isInServiceMember(u.volunteer))
  if (list.length === 0) throw new AppError('NOT_FOUND', '本社区还没有在职党员报到')
  if (list.length > MAX_MEMBERS) throw new AppError('INVALID_STATE', `在职党员超过 ${MAX_MEMBERS} 人，请按人生成`)
  return { community, list }
}

/** One member's closed items since the year began, page by page, folded into the year's figures. */
async function yearOf(db: Db, member: Member, year: number): Promise<MemberYear> {
  const _ = db.command
  const { start } = yearBounds(year)
  const items: ClosedItem[] = []
  let cursor: string | undefined
  for (;;) {
    const page = await pageByKey<Pick<Demand, '_id' | 'updatedAt' | 'timeline' | 'completion' | 'assignee' | 'rating' | 'contactName'>>(
      db,
      Collections.demands,
      { 'assignee.id': member._id, status: 'closed', updatedAt: _.gte(start) },
      CLOSED_ORDER,
      CLOSED_CURSOR,
      { ...(cursor ? { cursor } : {}), page: { offset: 0, limit: ITEM_PAGE } },
      { _id: true, updatedAt: true, timeline: true, completion: true, assignee: true, rating: true, contactName: true },
    )
    for (const d of page.items) {
      if (d.assignee?.type !== 'volunteer') continue
      const close = [...d.timeline].reverse().find((e) => e.to === 'closed')
      items.push({
        closedAt: close?.at ?? d.updatedAt,
        hours: d.completion?.hours ?? 0,
        points: d.assignee.points ?? 0,
        ...(d.rating ? { stars: d.rating.stars, ...(d.rating.comment ? { comment: d.rating.comment } : {}) } : {}),
        ...(d.contactName ? { contactName: d.contactName } : {}),
      })
    }
    if (!page.next) break
    cursor = page.next
  }
  const v = member.volunteer
  return memberYear({ userId: member._id, name: member.name, workUnit: v.workUnit!.trim(), communityId: v.communityId }, year, items)
}

async function inBatches<T, R>(list: readonly T[], f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < list.length; i += PARALLEL) out.push(...(await Promise.all(list.slice(i, i + PARALLEL).map(f))))
  return out
}
