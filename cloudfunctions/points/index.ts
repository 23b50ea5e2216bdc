/**
 * `points` (积分): the caller's points, from the append-only ledger, and recognition.
 * - `balance` → `{ balance, entries }` (the balance kept on the caller's record);
 * - `ledger` ({ page, cursor? }) → `{ items, hasMore, next? }`, newest first;
 * - `reconcile` ({ ownerType, ownerId }, administrators) → `{ balance, ledgerSum, entries, consistent }`;
 * - `correct` ({ ownerType, ownerId, delta, reason, requestId }, staff) → `{ entry, balance, created }`;
 * - `ranking` ({ communityId?, streetId?, period, by? }) → 光荣榜 `{ items: [{ rank, name, points, hours }], me, period }`;
 * - `certificate` ({ year? }) → the caller's service-hour certificate `{ code, hours, items, ... }`;
 * - `verify` ({ code }, anyone) → what a certificate says, or NOT_FOUND.
 * The timer trigger counts the ledger into the 光荣榜 rollups (rollup.ts).
 */
import { defineFunction } from '../_runtime/function'
import { balance } from './balance'
import { certificate } from './certificate'
import { correct } from './correct'
import { ledger } from './ledger'
import { ranking } from './ranking'
import { reconcile } from './reconcile'
import { withRollupTimer } from './rollup'
import { verify } from './verify'

export const main = withRollupTimer(defineFunction('points', { balance, ledger, reconcile, correct, ranking, certificate, verify }))
