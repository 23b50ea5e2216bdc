/**
 * The typed cloud-function client, free of Taro so stores and tests can use it: inputs are
 * typed by the shared contract's schemas and validated with them (`validate.ts`) before any
 * call; answers are typed by `contract.Results`. Every failure is an `ApiError`.
 */
import type { contract } from '@honglin/shared'
import type { z } from 'zod'
import { loadValidate } from './load-validate'

type Schemas = typeof contract.Schemas
export type Fn = keyof Schemas & keyof contract.Results
export type ActionOf<F extends Fn> = keyof Schemas[F] & keyof contract.Results[F] & string
export type InputOf<F extends Fn, A extends ActionOf<F>> = Schemas[F][A] extends z.ZodTypeAny ? z.input<Schemas[F][A]> : never
export type OutputOf<F extends Fn, A extends ActionOf<F>> = contract.Results[F][A]

/** Codes the functions answer, plus NETWORK for a call that never got an answer. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export const NETWORK = 'NETWORK'
const FALLBACK_MESSAGE = '服务暂时不可用，请稍后重试'

/** Sends `{ action, ...input }` to the function `name` and answers its raw envelope. */
export type Transport = (name: string, data: object) => Promise<unknown>

export type Api = <F extends Fn, A extends ActionOf<F>>(fn: F, action: A, input: InputOf<F, A>) => Promise<OutputOf<F, A>>

/** Validates an action's input as its function will (validate.ts), or throws ApiError. */
export type Validate = (fn: Fn, action: string, input: unknown) => object

/** `validator` answers the validation, which may still have to be loaded (load-validate.h5.ts). */
export function createApi(transport: Transport, validator: () => Promise<Validate> = loadValidate as () => Promise<Validate>): Api {
  return async (fn, action, input) => {
    const parsed = (await validator())(fn, action, input ?? {})
    let envelope: unknown
    try {
      envelope = await transport(fn, { ...parsed, action })
    } catch (error) {
      throw new ApiError(NETWORK, error instanceof Error && error.message ? error.message : FALLBACK_MESSAGE)
    }
    const body = envelope as { ok?: boolean; data?: unknown; error?: { code?: string; message?: string; fields?: Record<string, string> } }
    if (body && body.ok === true) return body.data as never
    const e = body?.error
    throw new ApiError(e?.code ?? 'INTERNAL', e?.message || FALLBACK_MESSAGE, e?.fields ?? {})
  }
}

/** A message fit to show for any failure. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message
  return FALLBACK_MESSAGE
}
