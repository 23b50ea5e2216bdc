/**
 * What an audit entry's detail may hold. The log is kept for years and shown to staff of
 * other ranks, so personal data stays out of it whatever a caller passes: members named
 * like contact data are dropped, phone numbers inside text are masked, text is kept short.
 */
import { maskPhone } from '../demand/visibility'

const PERSONAL_KEY = /phone|mobile|tel$|address|addr$|contact|idcard|openid/i
const PHONE_IN_TEXT = /(?<!\d)(1\d{10}|0\d{2,3}-?\d{7,8})(?!\d)/g
const MAX_TEXT = 200
const MAX_DEPTH = 3

export function cleanDetail(detail: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!detail) return undefined
  return cleanObject(detail, 0)
}

function cleanObject(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    if (PERSONAL_KEY.test(key)) continue
    const cleaned = cleanValue(v, depth + 1)
    if (cleaned !== undefined) out[key] = cleaned
  }
  return out
}

function cleanValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string') return value.replace(PHONE_IN_TEXT, (p) => maskPhone(p)).slice(0, MAX_TEXT)
  if (depth > MAX_DEPTH) return undefined
  if (Array.isArray(value)) return value.map((v) => cleanValue(v, depth + 1) ?? null)
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return cleanObject(value as Record<string, unknown>, depth)
  return undefined
}
