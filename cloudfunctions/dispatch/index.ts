/**
 * `dispatch` (派单): community staff triage the queue, merge duplicates, assign or publish to
 * the task hall, and close (销号) with the points award; street staff may close too. Each
 * action lives in its own file; this one only wires them.
 */
import { defineFunction } from '../_runtime/function'
import { assign } from './assign'
import { close } from './close'
import { inbox } from './inbox'
import { merge } from './merge'
import { publish } from './publish'
import { similar } from './similar'
import { suggest } from './suggest'
import { accept, reject } from './triage'

export const main = defineFunction('dispatch', { inbox, accept, reject, merge, similar, suggest, assign, publish, close })
