/**
 * `org`: the organisation (街道 → 社区 → 网格, 共建单位, 大党委) and who holds which role.
 * - `streets`, `communities` ({ streetId? }), `grids` ({ communityId }), `units` ({ communityId? }),
 *   `committee` ({ communityId }) → `{ items }`;
 * - `grantRole` ({ userId, role, streetId?, communityId?, gridIds?, unitId? }) → `{ userId, grants, changed }`,
 *   `revokeRole` (the same) → `{ userId, grants }`: community staff for their community's roles,
 *   street staff for community staff of their street, admins for any role; never one's own;
 * - `slaPolicy` ({ communityId }) → the community's deadlines, defaults and bounds;
 *   `setSlaPolicy` ({ communityId, policy }) → the same and `changed`: community staff of the
 *   community, street staff of its street, admins; for demands created afterwards.
 * - `resources`, `updateResources`, `unitScorecard`, `projectRules`, `setProjectRules`: the units'
 *   资源清单, their record on projects (揭榜), and the community's rules for reviewing projects.
 */
import { defineFunction } from '../_runtime/function'
import { committee } from './committee'
import { communities, grids, streets } from './directory'
import { grantRole } from './grant-role'
import { revokeRole } from './revoke-role'
import { setSlaPolicy } from './set-sla-policy'
import { slaPolicy } from './sla-policy'
import { units } from './units'
import { projectRules, setProjectRules } from './project-rules'
import { resources } from './resources'
import { unitScorecard } from './unit-scorecard'
import { updateResources } from './update-resources'

export const main = defineFunction('org', {
  streets,
  communities,
  grids,
  units,
  committee,
  grantRole,
  revokeRole,
  slaPolicy,
  setSlaPolicy,
  resources,
  updateResources,
  unitScorecard,
  projectRules,
  setProjectRules,
})
