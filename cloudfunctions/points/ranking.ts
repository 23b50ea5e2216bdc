/**
 * `ranking` (光荣榜): the volunteers of a community or a street ranked by points or service
 * hours in the current month, year or all time, from the rollups the timer keeps (rollup.ts):
 * the top of the board is one read of index `board_points`/`board_hours`, which holds the sort.
 * Only volunteers with at least `MIN_ITEMS_TO_RANK` closed items in the period are ranked;
 * ties share a place. Names are masked unless their owner chose to appear by name. The caller
 * sees their own numbers and place (a count of those strictly ahead when off the page).
 * Round trips: the caller, the board ‖ the caller's rollup ‖ the community or street (its name),
 * the names ‖ the count: 6 (5 when the caller is on the board or not ranked).
 */
import {
  AppError,
  assignRanks,
  contract,
  honourName,
  MIN_ITEMS_TO_RANK,
  periodKeyOf,
  periodLabel,
  rankFromGreater,
  rollupId,
  type HonourRollup,
} from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { Collections, docById, getDoc } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { HONOURS } from './rollup'

export const BOARD_SIZE = 50

export const ranking = action({
  schema: contract.Schemas.points.ranking,
  async run(ctx, input) {
    const { scope, scopeId } = scopeOf(ctx, input)
    const periodKey = periodKeyOf(input.period, ctx.now)
    const by = input.by
    const me = ctx.actor.userId
    const _ = ctx.db.command
    const board = { scopeId, periodKey, ranked: true }
    const [top, mine, place] = await Promise.all([
      ctx.db.collection(HONOURS).where(board).orderBy(by, 'desc').orderBy('_id', 'asc').limit(BOARD_SIZE).get(),
      docById<HonourRollup>(ctx.db, HONOURS, rollupId(scopeId, periodKey, me)),
      getDoc<{ name?: string; streetId?: string }>(ctx.db, scope === 'street' ? Collections.streets : Collections.communities, scopeId),
    ])
    const rows = assignRanks(top.data as HonourRollup[], (r) => r[by])
    const mineOnPage = rows.find((r) => r.ownerId === me)
    const ownerIds = rows.map((r) => r.ownerId)
    const [users, ahead] = await Promise.all([
      ownerIds.length
        ? ctx.db
            .collection(Collections.users)
            .where({ _id: _.in(ownerIds) })
            .field({ _id: true, name: true, honourName: true })
            .limit(ownerIds.length)
            .get()
        : { data: [] },
      mine?.ranked && !mineOnPage
        ? ctx.db
            .collection(HONOURS)
            .where({ ...board, [by]: _.gt(mine[by]) })
            .count()
        : undefined,
    ])
    const userById = new Map((users.data as Pick<UserDoc, '_id' | 'name' | 'honourName'>[]).map((u) => [u._id, u]))
    const rank = mineOnPage ? mineOnPage.rank : mine?.ranked && ahead ? rankFromGreater(ahead.total as number) : null
    return {
      scope,
      scopeId,
      scopeName: place?.name ?? '',
      // The street a community's board belongs to, for the switch to the street's board.
      ...(scope === 'community' && place?.streetId ? { streetId: place.streetId } : {}),
      period: { kind: input.period, key: periodKey, label: periodLabel(periodKey) },
      by,
      minItems: MIN_ITEMS_TO_RANK,
      items: rows.map((r) => {
        const u = userById.get(r.ownerId)
        return {
          rank: r.rank,
          name: honourName(u?.name, u?.honourName),
          points: r.points,
          hours: r.hours,
          items: r.items,
          mine: r.ownerId === me,
        }
      }),
      me: {
        rank,
        points: mine?.points ?? 0,
        hours: mine?.hours ?? 0,
        items: mine?.items ?? 0,
        name: honourName(ctx.user?.name, ctx.user?.honourName),
        nameChoice: ctx.user?.honourName ?? 'masked',
      },
    }
  },
})

/** The board asked for, else the caller's own community (as a volunteer, then by a role). */
function scopeOf(
  ctx: ActionContext,
  input: { communityId?: string; streetId?: string },
): { scope: 'community' | 'street'; scopeId: string } {
  if (input.communityId) return { scope: 'community', scopeId: input.communityId }
  if (input.streetId) return { scope: 'street', scopeId: input.streetId }
  const own = ctx.user?.volunteer?.communityId ?? ctx.actor.grants.find((g) => g.communityId)?.communityId
  if (own) return { scope: 'community', scopeId: own }
  const street = ctx.actor.grants.find((g) => g.streetId)?.streetId
  if (street) return { scope: 'street', scopeId: street }
  throw new AppError('INVALID_INPUT', '请选择社区或街道', { communityId: '请选择社区或街道' })
}
