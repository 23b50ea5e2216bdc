/**
 * `task` (接单): volunteers browse and claim the task hall; assignees (volunteers, or unit
 * contacts for their unit) accept or decline, then do and record the work. Each action lives
 * in its own file; this one only wires them.
 */
import { defineFunction } from '../_runtime/function'
import { claim } from './claim'
import { hall } from './hall'
import { mine } from './mine'
import { accept, decline } from './respond'
import { complete, progress, start } from './work'

export const main = defineFunction('task', { hall, claim, mine, accept, decline, start, progress, complete })
