/**
 * Validates an action's input with the schema its function uses (`parseInput`), before any
 * call. It carries zod and every action's schema, so the H5 build loads it when the first call
 * is made rather than before the first screen (see load-validate.h5.ts).
 */
import { AppError } from '@honglin/shared/errors'
import { Schemas } from '@honglin/shared/contract'
import { parseInput } from '@honglin/shared/contract/common'
import type { z } from 'zod'
import { ApiError, type ActionOf, type Fn } from './api-core'

/** Validates `input` for `fn.action` as the function will; throws ApiError(INVALID_INPUT). */
export function validate<F extends Fn, A extends ActionOf<F>>(fn: F, action: A, input: unknown): object {
  const schema = (Schemas[fn] as Record<string, z.ZodTypeAny>)[action]
  try {
    return parseInput(schema, input) as object
  } catch (error) {
    if (error instanceof AppError) throw new ApiError(error.code, error.message, error.fields ?? {})
    throw error
  }
}
