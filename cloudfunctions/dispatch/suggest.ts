/**
 * `dispatch.suggest`: who could take a demand: only people and units the shared assignee rule
 * allows (the same facts `assign` reads: registration and grants), ranked by the rules in
 * `shared/src/org/suggest.ts` (same grid, a skill or resource that fits, tasks in hand).
 *
 * Nothing is cut short: every verified volunteer and every unit serving the community is
 * read, by key in pages of 1,000 (the ranking fits skills to this demand's category, so no
 * stored field orders the best first), and the load of each comes from one aggregate that
 * counts the community's active demands per assignee in the database. The answer lists the
 * best 50 of each and how many there were. Round trips: the caller, the demand, then
 * volunteers ‖ units ‖ loads: 5, plus one per further 1,000 volunteers, units or busy assignees.
 */
import {
  bestSuggestions,
  contract,
  findCategory,
  fitsCategory,
  unitAssignee,
  unitScore,
  volunteerAssignee,
  volunteerScore,
} from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { countsBy, readAll } from '../_runtime/all'
import { Collections, getDemand } from '../_runtime/db'
import { action } from '../_runtime/function'
import { authorize } from '../_runtime/transition'

interface UnitDoc {
  _id: string
  name: string
  type?: string
  resources?: string[]
  communityIds?: string[]
}

type VolunteerDoc = Pick<UserDoc, '_id' | 'name' | 'volunteer' | 'grants'>

/** The stages in which a demand is in someone's hands. */
const ACTIVE = ['dispatched', 'in_progress']

export const suggest = action({
  schema: contract.Schemas.dispatch.suggest,
  async run(ctx, { id }) {
    const demand = await getDemand(ctx.db, id)
    // Suggestions serve the assignment: the same people, at the same stage.
    authorize(ctx.actor, 'assign', demand)
    const _ = ctx.db.command
    const [volunteers, units, load] = await Promise.all([
      readAll<VolunteerDoc>(
        ctx.db,
        Collections.users,
        { 'volunteer.communityId': demand.communityId, 'volunteer.status': 'verified' },
        { name: true, volunteer: true, grants: true },
      ),
      readAll<UnitDoc>(
        ctx.db,
        Collections.units,
        { communityIds: demand.communityId },
        { name: true, resources: true, communityIds: true },
      ),
      countsBy(ctx.db, Collections.demands, { communityId: demand.communityId, status: _.in(ACTIVE) }, 'assignee.id'),
    ])
    const label = findCategory(demand.kind, demand.category)?.label ?? ''
    const declined = new Set(demand.declinedBy ?? [])

    const people = volunteers
      .filter((u) => volunteerAssignee({ userId: u._id, grants: u.grants ?? [], volunteer: u.volunteer ?? null }, demand).allowed)
      .map((u) => {
        const skills = u.volunteer?.skills ?? []
        const sameGrid = u.volunteer?.gridId === demand.gridId
        const skillMatch = skills.filter((s) => fitsCategory(s, label))
        const activeTasks = load.get(u._id) ?? 0
        return {
          type: 'volunteer' as const,
          id: u._id,
          name: u.name,
          gridId: u.volunteer?.gridId,
          skills,
          sameGrid,
          skillMatch,
          load: activeTasks,
          declined: declined.has(u._id),
          score: volunteerScore(sameGrid, skillMatch.length, activeTasks),
        }
      })
    const bodies = units
      .filter((u) => unitAssignee(u, demand).allowed)
      .map((u) => {
        const activeTasks = load.get(u._id) ?? 0
        return {
          type: 'unit' as const,
          id: u._id,
          name: u.name,
          resources: u.resources ?? [],
          resourceMatch: (u.resources ?? []).filter((r) => fitsCategory(r, label)),
          load: activeTasks,
          declined: declined.has(u._id),
          score: unitScore(activeTasks),
        }
      })
      .filter((u) => u.resourceMatch.length > 0)
    const v = bestSuggestions(people)
    const u = bestSuggestions(bodies)
    return { category: label, volunteers: v.items, units: u.items, totals: { volunteers: v.total, units: u.total } }
  },
})
