/**
 * `updateResources`: the unit's contact (or staff of a community it serves) replaces its
 * 资源清单. The names are also kept on the unit, where dispatch suggestions match them. One
 * transaction writes both, so the two never disagree. Round trips: caller + transaction (3).
 */
import { AppError, contract, type UnitResources } from '@honglin/shared'
import { Collections, docById } from '../_runtime/db'
import { action } from '../_runtime/function'
import { withTransaction } from '../_runtime/transaction'
import { mayEditResources, ResourceCollections, viewOf, type UnitDoc } from './resources'

export const updateResources = action({
  schema: contract.Schemas.org.updateResources,
  async run(ctx, input) {
    return withTransaction(ctx.db, async (tx) => {
      const unit = await docById<UnitDoc>(tx, Collections.units, input.unitId)
      if (!unit) throw new AppError('NOT_FOUND', '找不到该共建单位')
      if (!mayEditResources(ctx.actor, unit)) throw new AppError('FORBIDDEN', '只有本单位联系人或社区工作人员可以修改资源清单')
      const items = input.resources.map((r) => ({
        name: r.name,
        ...(r.detail ? { detail: r.detail } : {}),
        ...(r.capacity ? { capacity: r.capacity } : {}),
      }))
      const list: UnitResources = {
        _id: unit._id,
        unitId: unit._id,
        communityIds: unit.communityIds ?? [],
        items,
        updatedAt: ctx.now,
        updatedBy: ctx.actor.userId,
      }
      const { _id, ...data } = list
      await tx.collection(ResourceCollections.resources).doc(_id).set({ data })
      const names = items.map((i) => i.name)
      await tx
        .collection(Collections.units)
        .doc(unit._id)
        .update({ data: { resources: ctx.db.command.set(names) } })
      return viewOf(ctx.actor, { ...unit, resources: names }, list)
    })
  },
})
