/**
 * Tuning a community's deadlines (org.slaPolicy / org.setSlaPolicy): who may, and what a
 * change stores. A community stores only the stages its staff set; the others follow the
 * defaults. A change applies to demands created afterwards: each demand keeps the terms it
 * was created under (`Demand.slaTerms`).
 */
import {
  DefaultSlaPolicy,
  SlaPolicyBounds,
  SlaPolicyKeys,
  slaPolicyOf,
  type SlaPolicy,
  type SlaPolicyKey,
  type SlaWindow,
} from '../demand/sla'
import { isStaffOf, isStreetStaffOf, type Actor } from '../roles'

/** What a settings screen and its answers say about when a change counts. */
export const SLA_POLICY_APPLIES = '调整后的时限只对此后新建的点单生效，已有点单仍按原时限办理'

/** Community staff of the community, street staff of its street, admins. */
export function mayTuneSlaPolicy(actor: Actor, community: { _id: string; streetId?: string }): boolean {
  return isStaffOf(actor, community._id) || (!!community.streetId && isStreetStaffOf(actor, community.streetId))
}

export interface SlaPolicyChange {
  /** What the community stores afterwards. */
  stored: Partial<SlaPolicy>
  /** Its effective policy afterwards. */
  policy: SlaPolicy
  /** The stages whose windows change, with their effective windows before and after (none: nothing to write). */
  before: Partial<SlaPolicy>
  after: Partial<SlaPolicy>
}

/** Setting the windows in `set` on a community that stores `current`. */
export function slaPolicyChange(current: Partial<SlaPolicy> | undefined, set: Partial<SlaPolicy>): SlaPolicyChange {
  const was = slaPolicyOf({ slaPolicy: current })
  const stored: Partial<SlaPolicy> = { ...(current ?? {}) }
  const before: Partial<SlaPolicy> = {}
  const after: Partial<SlaPolicy> = {}
  for (const key of SlaPolicyKeys) {
    const window = set[key]
    if (!window) continue
    const next: SlaWindow = { normal: window.normal, urgent: window.urgent }
    // A window set to what it already is changes nothing, so a retried change writes nothing.
    if (sameWindow(was[key], next)) continue
    before[key] = was[key]
    after[key] = next
    stored[key] = next
  }
  return { stored, policy: slaPolicyOf({ slaPolicy: stored }), before, after }
}

const sameWindow = (a: SlaWindow, b: SlaWindow) => a.normal === b.normal && a.urgent === b.urgent

/** The read answer's reference parts: bounds and defaults, as the settings screen shows them. */
export function slaPolicyReference(): { defaults: SlaPolicy; bounds: Record<SlaPolicyKey, { min: number; max: number }> } {
  return { defaults: DefaultSlaPolicy, bounds: SlaPolicyBounds }
}
