/**
 * Read state of one person's inbox, kept on their own user document (never on the shared event
 * rows): everything up to `upTo` is read ("全部已读"), and `ids` names events after it read one
 * by one. Entries at or before `upTo` say nothing more and are dropped.
 */
export interface ReadEntry {
  id: string
  at: number
}

export interface InboxReadState {
  upTo: number
  ids: ReadEntry[]
}

/** Entries kept one by one; beyond it the oldest fall back to unread ("全部已读" clears them all). */
export const READ_IDS_KEPT = 200

export const NOTHING_READ: InboxReadState = { upTo: 0, ids: [] }

/** The read state as stored, without entries that `upTo` already covers. */
export function readStateOf(stored: Partial<InboxReadState> | undefined): InboxReadState {
  const upTo = typeof stored?.upTo === 'number' ? stored.upTo : 0
  const ids = (Array.isArray(stored?.ids) ? stored.ids : []).filter((e) => e && typeof e.id === 'string' && e.at > upTo)
  return { upTo, ids: [...new Map(ids.map((e) => [e.id, e])).values()] }
}

export function isRead(event: { _id: string; at: number }, state: InboxReadState): boolean {
  return event.at <= state.upTo || state.ids.some((e) => e.id === event._id)
}
