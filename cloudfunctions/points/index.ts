/**
 * `points` (积分): the caller's points, from the append-only ledger.
 * - `balance` → `{ balance, entries }` (the balance kept on the caller's record);
 * - `ledger` ({ page, cursor? }) → `{ items, hasMore, next? }`, newest first;
 * - `reconcile` ({ ownerType, ownerId }, administrators) → `{ balance, ledgerSum, entries, consistent }`;
 * - `correct` ({ ownerType, ownerId, delta, reason, requestId }, staff) → `{ entry, balance, created }`.
 */
import { defineFunction } from '../_runtime/function'
import { balance } from './balance'
import { correct } from './correct'
import { ledger } from './ledger'
import { reconcile } from './reconcile'

export const main = defineFunction('points', { balance, ledger, reconcile, correct })
