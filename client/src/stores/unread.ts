/**
 * How many messages are unread, for the badge on the 消息 tab. `notify.inbox` answers `unread`,
 * and, where counting stops early, `unreadCapped`: then the badge reads "99+".
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { Api } from '../services/api-core'

export const BADGE_CAP = 99

/** The badge's text: empty when nothing is unread. */
export function badgeText(count: number, capped = false): string {
  if (!Number.isFinite(count) || count <= 0) return ''
  return capped || count > BADGE_CAP ? `${BADGE_CAP}+` : String(Math.floor(count))
}

/** Reads whichever of the fields the inbox answer carries. */
export function unreadOf(answer: { unread?: unknown; unreadCapped?: unknown }): { count: number; capped: boolean } {
  const count = typeof answer.unread === 'number' ? answer.unread : 0
  return { count, capped: answer.unreadCapped === true }
}

export class UnreadStore {
  count = 0
  capped = false

  constructor(private readonly api: Api) {
    makeAutoObservable<UnreadStore, 'api'>(this, { api: false }, { autoBind: true })
  }

  get text(): string {
    return badgeText(this.count, this.capped)
  }

  /** Takes an inbox answer the 消息 page already has. */
  take(answer: { unread?: unknown; unreadCapped?: unknown }): void {
    const { count, capped } = unreadOf(answer)
    this.count = count
    this.capped = capped
  }

  async refresh(): Promise<void> {
    try {
      const answer = await this.api('notify', 'inbox', { page: { limit: 1 } })
      runInAction(() => this.take(answer as { unread?: unknown; unreadCapped?: unknown }))
    } catch (error) {
      console.warn('读取未读消息数失败', error)
    }
  }
}
