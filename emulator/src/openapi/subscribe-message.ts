/**
 * `subscribeMessage.send`. Nothing is delivered: the call lands in the outbox. The checks are
 * the ones that make real sends fail: missing fields, and values longer than their data type
 * allows (a `thing` over 20 characters is the classic production-only failure).
 */
import { OK, argumentInvalid, type WxAnswer } from './types'

/** Longest value per data type (the key prefix, e.g. `thing` of `thing1`), in characters. */
export const VALUE_LIMITS: Record<string, number> = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  phone_number: 17,
  car_number: 8,
  name: 20,
  phrase: 5,
}

export function sendSubscribeMessage(params: Record<string, unknown>): WxAnswer {
  for (const field of ['touser', 'template_id'] as const) {
    const value = params[field]
    if (typeof value !== 'string' || value.trim() === '') return argumentInvalid(`${field} is empty`)
  }
  const data = params.data
  if (!data || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length === 0) return argumentInvalid('data is empty')
  for (const [key, item] of Object.entries(data as Record<string, unknown>)) {
    const value = (item as { value?: unknown } | null)?.value
    if ((typeof value !== 'string' && typeof value !== 'number') || String(value) === '')
      return argumentInvalid(`data.${key}.value is empty`)
    const type = key.replace(/\d+$/, '')
    const limit = VALUE_LIMITS[type]
    const length = [...String(value)].length
    if (limit !== undefined && length > limit)
      return argumentInvalid(`data.${key}.value exceeds limit of ${limit} characters (got ${length})`)
  }
  return { ...OK }
}
