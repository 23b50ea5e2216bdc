/**
 * `stats` (统计): the dashboards' figures, read from counters the timer keeps (count.ts), never
 * from the demands per view.
 * - `overview` ({ communityId? | streetId? | gridId?, from, to }) → every metric, by kind,
 *   category and the places below, and the demands overdue now;
 * - `trend` ({ scope…, period, from, to }) → one point per day, week or month;
 * - `hotspots` ({ scope…, from, to }) → 高频问题 with the demands behind each.
 * The timer trigger counts the demands changed since the last run into the counters.
 */
import { defineFunction } from '../_runtime/function'
import { withCountTimer } from './timer'
import { hotspots } from './hotspots'
import { overview } from './overview'
import { trend } from './trend'

export const main = withCountTimer(defineFunction('stats', { overview, trend, hotspots }))
