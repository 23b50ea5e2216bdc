/**
 * H5: zod and the schemas of every action are a third of the app's code and the first screen
 * needs none of them; they load (in parallel with the first page) when the first call is made.
 */
import type { validate } from './validate'

let loading: Promise<typeof validate> | undefined

export const loadValidate = (): Promise<typeof validate> => (loading ??= import('./validate').then((m) => m.validate))
