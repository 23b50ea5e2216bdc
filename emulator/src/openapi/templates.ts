/**
 * Subscribe-message templates from a deployment settings file (`deploy/env.<envId>.json`): its
 * `subscribeMessages` name, per purpose, the console's template id and keyword names
 * (`{ templateId, keywords: { slot: 'thing1', … } }`), so the emulator knows exactly the
 * templates the deployed environment has.
 */
import type { SubscribeTemplates } from './subscribe-message'

export function templatesFromSettings(settings: unknown): SubscribeTemplates {
  const messages = (settings as { subscribeMessages?: Record<string, unknown> } | null)?.subscribeMessages ?? {}
  const out: SubscribeTemplates = {}
  for (const entry of Object.values(messages)) {
    const { templateId, keywords } = (entry ?? {}) as { templateId?: unknown; keywords?: unknown }
    if (typeof templateId !== 'string' || !templateId) continue
    const names = Array.isArray(keywords) ? keywords : Object.values((keywords ?? {}) as Record<string, unknown>)
    out[templateId] = names.filter((k): k is string => typeof k === 'string')
  }
  return out
}
