/**
 * Telling people after a committed write. The write stands whatever happens to the message:
 * a failure (of the recipients' lookup, the inbox write or a subscribe message) is logged and
 * never turns the answer into an error, which would invite a retry of what already happened.
 */
import type { ActionContext } from '../_runtime/function'
import { notify, type Message, type Recipient } from '../_runtime/notify'

export async function tellAfterCommit(
  ctx: ActionContext,
  recipients: Recipient[] | (() => Promise<Recipient[]>),
  message: Message,
): Promise<void> {
  try {
    await notify(ctx, typeof recipients === 'function' ? await recipients() : recipients, message)
  } catch (error) {
    console.warn(`${message.type} not delivered:`, (error as Error).message)
  }
}
