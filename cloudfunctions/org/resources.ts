/**
 * `resources` (资源清单): what each co-building unit offers, for a community (or the caller's
 * communities), or for one unit. A unit whose contact has not written a list yet shows the
 * resource names kept on the unit. Round trips: units (1, by key) + lists (1).
 */
import { AppError, contract, isStaffOf, type Actor, type ResourceItem, type UnitResources, type UnitResourcesView } from '@honglin/shared'
import { readAll } from '../_runtime/all'
import { Collections, getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'

export const ResourceCollections = { resources: 'unit_resources' } as const

export interface UnitDoc {
  _id: string
  name: string
  type?: string
  communityIds?: string[]
  resources?: string[]
}

export const resources = action({
  schema: contract.Schemas.org.resources,
  async run(ctx, input) {
    let units: UnitDoc[]
    if (input.unitId) {
      const unit = await getDoc<UnitDoc>(ctx.db, Collections.units, input.unitId)
      if (!unit) throw new AppError('NOT_FOUND', '找不到该共建单位')
      units = [unit]
    } else {
      const communityIds = input.communityId
        ? [input.communityId]
        : [...new Set(ctx.actor.grants.filter((g) => g.communityId).map((g) => g.communityId!))]
      if (communityIds.length === 0) return { items: [] }
      units = await readAll<UnitDoc>(ctx.db, Collections.units, { communityIds: ctx.db.command.in(communityIds) })
    }
    if (units.length === 0) return { items: [] }
    const lists = await readAll<UnitResources>(ctx.db, ResourceCollections.resources, { _id: ctx.db.command.in(units.map((u) => u._id)) })
    const byUnit = new Map(lists.map((l) => [l._id, l]))
    return { items: units.map((u) => viewOf(ctx.actor, u, byUnit.get(u._id))) }
  },
})

export function mayEditResources(actor: Actor, unit: UnitDoc): boolean {
  if (actor.grants.some((g) => g.role === 'unit_contact' && g.unitId === unit._id)) return true
  return (unit.communityIds ?? []).some((c) => isStaffOf(actor, c))
}

export function viewOf(actor: Actor, unit: UnitDoc, list: UnitResources | undefined): UnitResourcesView {
  const items: ResourceItem[] = list?.items ?? (unit.resources ?? []).map((name) => ({ name }))
  return {
    unitId: unit._id,
    unitName: unit.name,
    ...(unit.type ? { unitType: unit.type } : {}),
    communityIds: unit.communityIds ?? [],
    items,
    ...(list ? { updatedAt: list.updatedAt } : {}),
    editable: mayEditResources(actor, unit),
  }
}
