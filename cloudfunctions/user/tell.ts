/**
 * Telling people after a committed write, through the same event rows as demand news (one
 * insert; subscribe messages follow from the `notify` queue). The write stands whatever
 * happens to the message: publishing logs a failure and never throws.
 */
import type { AudienceKey } from '@honglin/shared'
import { publish, type Publication } from '../_runtime/announce'
import type { ActionContext } from '../_runtime/function'

export function tellAfterCommit(ctx: ActionContext, audience: AudienceKey[], message: Omit<Publication, 'audience'>): Promise<void> {
  return publish(ctx, [{ ...message, audience }])
}
