/**
 * "我的数据" on the 我的 page: exporting everything stored about me (a link to a JSON file,
 * valid for an hour) and deleting my account behind a confirmation. Free of Taro.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { Api } from '../services/api-core'
import { messageOf } from '../services/api-core'

export class MyDataStore {
  exporting = false
  /** The last export's link and until when it works. */
  link: { url: string; expiresAt: number } | null = null
  /** The confirmation sheet of account deletion is open. */
  confirming = false
  deleting = false
  /** What the deletion did; the account is gone once set. */
  deleted: { cancelled: number; anonymised: number } | null = null
  error = ''

  constructor(private readonly api: Api) {
    makeAutoObservable<MyDataStore, 'api'>(this, { api: false }, { autoBind: true })
  }

  async exportData(): Promise<void> {
    if (this.exporting) return
    this.exporting = true
    this.error = ''
    try {
      const answer = await this.api('user', 'exportMyData', {})
      runInAction(() => (this.link = { url: answer.tempFileURL, expiresAt: answer.expiresAt }))
    } catch (error) {
      runInAction(() => (this.error = messageOf(error)))
    } finally {
      runInAction(() => (this.exporting = false))
    }
  }

  askToDelete(): void {
    this.error = ''
    this.confirming = true
  }

  keepAccount(): void {
    this.confirming = false
  }

  /** Only from the confirmation sheet. */
  async deleteAccount(): Promise<void> {
    if (!this.confirming || this.deleting) return
    this.deleting = true
    this.error = ''
    try {
      const answer = await this.api('user', 'deleteAccount', { confirm: true })
      runInAction(() => {
        this.deleted = { cancelled: answer.cancelled, anonymised: answer.anonymised }
        this.confirming = false
        this.link = null
      })
    } catch (error) {
      runInAction(() => (this.error = messageOf(error)))
    } finally {
      runInAction(() => (this.deleting = false))
    }
  }
}
