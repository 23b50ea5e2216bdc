/**
 * Which communities' queue the caller works on: their own as community staff, one community
 * of their street as street staff (who review and close), any community as admin. A person
 * with no such role gets FORBIDDEN.
 */
import { AppError, isAdmin, isStaffOf, isStreetStaffOf, type Actor } from '@honglin/shared'
import { readAll } from '../_runtime/all'
import { Collections, getDoc, type Db } from '../_runtime/db'

export async function communitiesOf(db: Db, actor: Actor, communityId: string | undefined): Promise<string[]> {
  if (communityId) {
    if (isStaffOf(actor, communityId)) return [communityId]
    if (actor.grants.some((g) => g.role === 'street_staff')) {
      const community = await getDoc<{ streetId: string }>(db, Collections.communities, communityId)
      if (community && isStreetStaffOf(actor, community.streetId)) return [communityId]
    }
    throw new AppError('FORBIDDEN', '您不是该社区的工作人员')
  }
  const own = [...new Set(actor.grants.filter((g) => g.role === 'community_staff' && g.communityId).map((g) => g.communityId!))]
  if (own.length > 0) return own
  const streets = actor.grants.filter((g) => g.role === 'street_staff' && g.streetId).map((g) => g.streetId!)
  if (streets.length > 0) {
    // Every community of the street (an unpaged read would stop at 100).
    return (await readAll(db, Collections.communities, { streetId: db.command.in(streets) }, { _id: true })).map((c) => c._id)
  }
  if (isAdmin(actor)) throw new AppError('INVALID_INPUT', '请选择社区', { communityId: '请选择社区' })
  throw new AppError('FORBIDDEN', '仅社区工作人员可以查看派单台')
}
