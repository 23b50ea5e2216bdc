/** `api(fn, action, input)`: typed, validated cloud-function calls (see api-core.ts). */
import { callFunction } from './cloud'
import { createApi } from './api-core'

export const api = createApi((name, data) => callFunction(name, data))
export { ApiError, messageOf, NETWORK, type Api, type InputOf, type OutputOf } from './api-core'
