/** The function's `main` with its timer: a timer event counts (only from the platform's timer), anything else goes to the actions. */
import type { Result } from '@honglin/shared'
import { withTimer } from '../_runtime/timer'
import { countChanges } from './count'

type Main = (event: unknown) => Promise<Result<unknown>>

export const withCountTimer = (actions: Main): Main => withTimer(actions, 'stats count', (env) => countChanges(env))
