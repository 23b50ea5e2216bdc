/**
 * `dispatch.suggest`: who could take a demand: only people and units the shared assignee rule
 * allows (the same facts `assign` reads: registration and grants). Volunteers, scored
 * by living in the same grid, skills that fit the category and their current load (demands
 * dispatched to them or in progress); co-building units whose resources fit the category.
 * Whoever declined this demand before is listed last. Round trips: the caller, the demand,
 * then volunteers, units and the community's active demands (for load) in parallel: 5.
 */
import { contract, findCategory, unitAssignee, volunteerAssignee, type Demand } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
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

const ACTIVE = ['dispatched', 'in_progress']
const WEIGHT = { sameGrid: 2, skill: 3, perActiveTask: 1 }

export const suggest = action({
  schema: contract.Schemas.dispatch.suggest,
  async run(ctx, { id }) {
    const demand = await getDemand(ctx.db, id)
    // Suggestions serve the assignment: the same people, at the same stage.
    authorize(ctx.actor, 'assign', demand)
    const _ = ctx.db.command
    const [volunteers, units, active] = await Promise.all([
      ctx.db
        .collection(Collections.users)
        .where({ 'volunteer.communityId': demand.communityId, 'volunteer.status': 'verified' })
        .field({ name: true, volunteer: true, grants: true })
        .limit(1000)
        .get(),
      ctx.db
        .collection(Collections.units)
        .where({ communityIds: demand.communityId })
        .field({ name: true, type: true, resources: true, communityIds: true })
        .get(),
      ctx.db
        .collection(Collections.demands)
        .where({ communityId: demand.communityId, status: _.in(ACTIVE) })
        .field({ assignee: true })
        .limit(1000)
        .get(),
    ])
    const load = new Map<string, number>()
    for (const d of active.data as Pick<Demand, 'assignee'>[]) if (d.assignee) load.set(d.assignee.id, (load.get(d.assignee.id) ?? 0) + 1)
    const label = findCategory(demand.kind, demand.category)?.label ?? ''
    const declined = new Set(demand.declinedBy ?? [])

    const people = (volunteers.data as Pick<UserDoc, '_id' | 'name' | 'volunteer' | 'grants'>[])
      .filter((u) => volunteerAssignee({ userId: u._id, grants: u.grants ?? [], volunteer: u.volunteer ?? null }, demand).allowed)
      .map((u) => {
        const skills = u.volunteer?.skills ?? []
        const sameGrid = u.volunteer?.gridId === demand.gridId
        const skillMatch = skills.filter((s) => fits(s, label))
        const activeTasks = load.get(u._id) ?? 0
        const score = (sameGrid ? WEIGHT.sameGrid : 0) + (skillMatch.length > 0 ? WEIGHT.skill : 0) - activeTasks * WEIGHT.perActiveTask
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
          score,
        }
      })
    const bodies = (units.data as UnitDoc[])
      .filter((u) => unitAssignee(u, demand).allowed)
      .map((u) => {
        const resourceMatch = (u.resources ?? []).filter((r) => fits(r, label))
        const activeTasks = load.get(u._id) ?? 0
        return {
          type: 'unit' as const,
          id: u._id,
          name: u.name,
          resources: u.resources ?? [],
          resourceMatch,
          load: activeTasks,
          declined: declined.has(u._id),
          score: WEIGHT.skill - activeTasks * WEIGHT.perActiveTask,
        }
      })
      .filter((u) => u.resourceMatch.length > 0)
    return { category: label, volunteers: ranked(people), units: ranked(bodies) }
  },
})

function ranked<T extends { declined: boolean; score: number; name: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => Number(a.declined) - Number(b.declined) || b.score - a.score || a.name.localeCompare(b.name, 'zh'))
}

/** A skill or resource fits a category when they share a two-character word (助老 ~ 助老助残). */
export function fits(offer: string, label: string): boolean {
  if (!offer || !label) return false
  const pairs = (s: string) => new Set(Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2)))
  const labelPairs = pairs(label)
  return [...pairs(offer)].some((p) => labelPairs.has(p))
}
