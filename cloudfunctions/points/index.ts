/**
 * `points` (积分): the caller's points, from the append-only ledger.
 * - `balance` → `{ balance, ledgerSum, entries, consistent }`;
 * - `ledger` ({ page }) → `{ items, hasMore }`, newest first.
 */
import { defineFunction } from '../_runtime/function'
import { balance } from './balance'
import { ledger } from './ledger'

export const main = defineFunction('points', { balance, ledger })
