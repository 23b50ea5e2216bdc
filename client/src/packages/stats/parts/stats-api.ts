/**
 * The stats function's calls with their answers typed by the shared stats types, for as long
 * as `contract.Results` does not list the function yet.
 */
import type { Hotspots, Overview, Trend } from '@honglin/shared'
import { api } from '../../../services/api'

type Loose = (fn: string, action: string, input: object) => Promise<unknown>
const call = api as unknown as Loose

type Scoped = { communityId?: string; streetId?: string; gridId?: string; from: string; to: string }

export const stats = {
  overview: (input: Scoped) => call('stats', 'overview', input) as Promise<Overview>,
  trend: (input: Scoped & { period: 'day' | 'week' | 'month' }) => call('stats', 'trend', input) as Promise<Trend>,
  hotspots: (input: Scoped) => call('stats', 'hotspots', input) as Promise<Hotspots>,
}
