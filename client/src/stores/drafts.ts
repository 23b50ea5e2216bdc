/**
 * Forms kept on the device until sent, like the order form's draft (order-form.ts): what was
 * typed and the request id it will be sent with, per person and subject. A retried submit after
 * a network failure carries the same request id, so it cannot make a second bid.
 */
import type { KeyValueStorage } from './session'

export interface Draft<F> {
  fields: F
  requestId: string
  savedAt: number
}

export function readFormDraft<F extends object>(
  storage: KeyValueStorage,
  key: string,
  hasContent: (f: F) => boolean,
): Draft<F> | undefined {
  try {
    const raw = storage.get(key)
    if (typeof raw !== 'string' || !raw) return undefined
    const draft = JSON.parse(raw) as Draft<F>
    if (!draft || typeof draft.requestId !== 'string' || typeof draft.fields !== 'object' || !hasContent(draft.fields)) return undefined
    return draft
  } catch {
    return undefined
  }
}

export function saveFormDraft<F extends object>(
  storage: KeyValueStorage,
  key: string,
  draft: { fields: F; requestId: string },
  hasContent: (f: F) => boolean,
  now = Date.now(),
): void {
  try {
    storage.set(key, hasContent(draft.fields) ? JSON.stringify({ fields: draft.fields, requestId: draft.requestId, savedAt: now }) : '')
  } catch (error) {
    console.warn('保存草稿失败', error)
  }
}

export function discardFormDraft(storage: KeyValueStorage, key: string): void {
  try {
    storage.set(key, '')
  } catch (error) {
    console.warn('清除草稿失败', error)
  }
}
