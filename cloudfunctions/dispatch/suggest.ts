/**
 * `dispatch.suggest`: everyone who could take a demand, best first: every verified volunteer
 * and every unit serving the community the shared assignee rule allows (the same facts
 * `assign` reads: registration and grants), ranked by the rules in `shared/src/org/suggest.ts`
 * (same grid, a skill or declared resource that fits the category, tasks in hand). Nobody is
 * filtered out for a poor fit: staff may choose anyone, and `q` finds them by name, skill or
 * resource.
 *
 * Nothing is cut short and no demand is read beyond this one: volunteers and units are read
 * by key in pages of 1,000, and the load of each is the `activeLoad` counter on its own
 * document (kept by the writes that give and end work). The answer lists the best 50 of each
 * and how many there were. Round trips: the caller, the demand, then volunteers ‖ units: 4,
 * plus one per further 1,000 volunteers or units.
 */
import {
  bestSuggestions,
  contract,
  findCategory,
  fittingOffers,
  matchesQuery,
  unitAssignee,
  unitScore,
  volunteerAssignee,
  volunteerScore,
} from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { readAll } from '../_runtime/all'
import { Collections, getDemand } from '../_runtime/db'
import { action } from '../_runtime/function'
import { authorize } from '../_runtime/transition'

interface UnitDoc {
  _id: string
  name: string
  type?: string
  resources?: string[]
  communityIds?: string[]
  /** Tasks in hand (dispatched or in progress), kept on write. */
  activeLoad?: number
}

type VolunteerDoc = Pick<UserDoc, '_id' | 'name' | 'volunteer' | 'grants'> & { activeLoad?: number }

export const suggest = action({
  schema: contract.Schemas.dispatch.suggest,
  async run(ctx, { id, q }) {
    const demand = await getDemand(ctx.db, id)
    // Suggestions serve the assignment: the same people, at the same stage.
    authorize(ctx.actor, 'assign', demand)
    const [volunteers, units] = await Promise.all([
      readAll<VolunteerDoc>(
        ctx.db,
        Collections.users,
        { 'volunteer.communityId': demand.communityId, 'volunteer.status': 'verified' },
        { name: true, volunteer: true, grants: true, activeLoad: true },
      ),
      readAll<UnitDoc>(
        ctx.db,
        Collections.units,
        { communityIds: demand.communityId },
        { name: true, type: true, resources: true, communityIds: true, activeLoad: true },
      ),
    ])
    const label = findCategory(demand.kind, demand.category)?.label ?? ''
    const declined = new Set(demand.declinedBy ?? [])

    const people = volunteers
      .filter((u) => volunteerAssignee({ userId: u._id, grants: u.grants ?? [], volunteer: u.volunteer ?? null }, demand).allowed)
      .map((u) => {
        const skills = u.volunteer?.skills ?? []
        const sameGrid = u.volunteer?.gridId === demand.gridId
        const skillMatch = fittingOffers(skills, demand.category, label)
        const load = u.activeLoad ?? 0
        return {
          type: 'volunteer' as const,
          id: u._id,
          name: u.name,
          gridId: u.volunteer?.gridId,
          skills,
          sameGrid,
          skillMatch,
          load,
          declined: declined.has(u._id),
          score: volunteerScore(sameGrid, skillMatch.length, load),
        }
      })
      .filter((v) => matchesQuery(v, q))
    const bodies = units
      .filter((u) => unitAssignee(u, demand).allowed)
      .map((u) => {
        const resources = u.resources ?? []
        const resourceMatch = fittingOffers(resources, demand.category, label)
        const load = u.activeLoad ?? 0
        return {
          type: 'unit' as const,
          id: u._id,
          name: u.name,
          ...(u.type ? { unitType: u.type } : {}),
          resources,
          resourceMatch,
          load,
          declined: declined.has(u._id),
          score: unitScore(resourceMatch.length, load),
        }
      })
      .filter((u) => matchesQuery(u, q))
    const v = bestSuggestions(people)
    const u = bestSuggestions(bodies)
    return { category: label, volunteers: v.items, units: u.items, totals: { volunteers: v.total, units: u.total } }
  },
})
