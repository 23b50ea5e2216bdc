/**
 * `org`: the organisation (街道 → 社区 → 网格, 共建单位, 大党委) and who holds which role.
 * - `streets`, `communities` ({ streetId? }), `grids` ({ communityId }), `units` ({ communityId? }),
 *   `committee` ({ communityId }) → `{ items }`;
 * - `grantRole` ({ userId, role, streetId?, communityId?, gridIds?, unitId? }) → `{ userId, grants, changed }`,
 *   `revokeRole` (the same) → `{ userId, grants }`: community staff for their community's roles,
 *   street staff for community staff of their street, admins for any role; never one's own.
 */
import { defineFunction } from '../_runtime/function'
import { committee } from './committee'
import { communities, grids, streets } from './directory'
import { grantRole } from './grant-role'
import { revokeRole } from './revoke-role'
import { units } from './units'

export const main = defineFunction('org', { streets, communities, grids, units, committee, grantRole, revokeRole })
