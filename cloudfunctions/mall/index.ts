/**
 * `mall` (积分超市): rewards for points, redeemed with stock and per-person limits, handed over
 * with a pickup code (核销), cancelled or expired with the points given back.
 * - `rewards` ({ communityId?, page }) → `{ items, hasMore, communityId, manage }`;
 * - `upsertReward` (community staff; a unit's contact offers, pending approval) → reward;
 * - `approveReward` ({ rewardId }, community staff) → reward;
 * - `redeem` ({ rewardId, requestId }) → redemption `{ _id, code, status, cost, expiresAt, … }`;
 * - `mine` ({ status?, page }) → the caller's redemptions;
 * - `cancel` ({ id }, the holder) → redemption `cancelled`;
 * - `lookup` / `verify` ({ code }, staff or the sponsor's contact) → what to hand over / `fulfilled`;
 * - `reissue` ({ id }) → redemption with a new code, the old one revoked;
 * - `redemptions` ({ rewardId, status?, page }, staff or the sponsor's contact) → a reward's redemptions;
 * - `pickupQr` ({ id }, the holder) → the code as a 小程序码 image that opens the 核销 page.
 * Its timer (config.json) expires reservations past their window and reminds holders (expire.ts);
 * only the platform's timer runs that, any other caller sending a timer payload is refused.
 */
import { defineFunction } from '../_runtime/function'
import { withTimer } from '../_runtime/timer'
import { approveReward } from './approve-reward'
import { cancel } from './cancel'
import { expireDue, type ExpirySummary } from './expire'
import { lookup } from './lookup'
import { pickupQr } from './pickup-qr'
import { mine } from './mine'
import { redeem } from './redeem'
import { redemptions } from './redemptions'
import { reissue } from './reissue'
import { rewards } from './rewards'
import { upsertReward } from './upsert-reward'
import { verify } from './verify'

const actions = defineFunction('mall', {
  rewards,
  upsertReward,
  approveReward,
  redeem,
  mine,
  cancel,
  lookup,
  verify,
  reissue,
  redemptions,
  pickupQr,
})

/** The expiry timer (only from the platform's timer), or an action. */
export const main = withTimer(actions, 'mall expiry', (env): Promise<ExpirySummary> => expireDue(env))
