/**
 * Asking for subscribe messages at the taps where people expect them, without nagging.
 *
 * WeChat's rules: `wx.requestSubscribeMessage` works only inside a tap handler, takes at most
 * 3 template ids, and each acceptance allows one message of that template. So `ask` starts the
 * request synchronously (call it first thing in the tap, before any await) with ids loaded
 * beforehand (`load`, from `user.subscribe`: the same configuration the sender reads), and
 * reports what was accepted so the server knows it may send.
 *
 * Remembered per template on the device: a rejection (or a template WeChat banned or filtered)
 * is never asked again; an acceptance is one message, so it is asked again next time, but
 * never twice in one flow (one order, one registration…). Where the API does not exist (H5),
 * nothing is asked.
 */

/** Where people are asked, and which templates (shared/notify/templates.ts purposes) each asks for. */
export const MOMENT_PURPOSES = {
  /** After ordering: what becomes of it. */
  ordered: ['demandStatus'],
  /** After registering as a volunteer: the decision. */
  registered: ['volunteerReview'],
  /** Claiming or accepting a task: reminders about it, and the next task given. */
  tookTask: ['taskAssigned'],
  /** Redeeming in the mall: when to collect, before it lapses. */
  redeemed: ['mallPickup'],
} as const

export type Moment = keyof typeof MOMENT_PURPOSES

/** WeChat's limit per `requestSubscribeMessage` call. */
export const MAX_PER_CALL = 3

/** WeChat's answer per template id. */
export type Choice = 'accept' | 'reject' | 'ban' | 'filter'

export interface SubscribeStorage {
  get(key: string): unknown
  set(key: string, value: string): void
}

export interface SubscribeDeps {
  storage: SubscribeStorage
  /** `Taro.requestSubscribeMessage` answering per template id; absent where it does not exist. */
  request?: (templateIds: string[]) => Promise<Record<string, unknown>>
  /** `user.subscribe`: records accepted ids, answers the template id per purpose. */
  report: (accepted: string[]) => Promise<{ templates: Record<string, string> }>
}

export const CHOICES_KEY = 'honglin.subscribe.choices'

export class Subscriber {
  private templates: Record<string, string> | undefined
  private loading: Promise<void> | undefined
  /** `${flow}\0${templateId}` asked in this run of the app. */
  private readonly asked = new Set<string>()

  constructor(private readonly deps: SubscribeDeps) {}

  /** Fetches the template ids once (pages call it when they open, long before the tap). */
  load(): Promise<void> {
    this.loading ??= this.deps
      .report([])
      .then((answer) => {
        this.templates = answer.templates
      })
      .catch(() => {
        // Asked again at the next page; meanwhile nothing is asked.
        this.loading = undefined
      })
    return this.loading
  }

  /** The template ids a tap at `moment` would ask for now, at most 3. */
  idsFor(moment: Moment, flow: string): string[] {
    if (!this.templates) return []
    const choices = this.choices()
    const ids = MOMENT_PURPOSES[moment].map((p: string) => this.templates![p]).filter((id): id is string => !!id)
    return [...new Set(ids)]
      .filter((id) => !choices[id] || choices[id] === 'accept')
      .filter((id) => !this.asked.has(`${flow}\0${id}`))
      .slice(0, MAX_PER_CALL)
  }

  /**
   * Asks inside a tap (the request starts before this returns), remembers the answers and
   * reports the accepted ones. Answers the accepted ids; never throws.
   */
  ask(moment: Moment, flow: string): Promise<string[]> {
    const ids = this.idsFor(moment, flow)
    if (!this.deps.request || ids.length === 0) return Promise.resolve([])
    for (const id of ids) this.asked.add(`${flow}\0${id}`)
    let pending: Promise<Record<string, unknown>>
    try {
      pending = this.deps.request(ids)
    } catch {
      return Promise.resolve([])
    }
    return pending
      .then(async (answer) => {
        const choices = this.choices()
        const accepted: string[] = []
        for (const id of ids) {
          const choice = answer[id]
          if (choice === 'accept') accepted.push(id)
          if (choice === 'accept' || choice === 'reject' || choice === 'ban' || choice === 'filter') choices[id] = choice
        }
        this.deps.storage.set(CHOICES_KEY, JSON.stringify(choices))
        if (accepted.length > 0) await this.deps.report(accepted).catch(() => undefined)
        return accepted
      })
      .catch(() => [])
  }

  /** What was answered per template id, as remembered on this device. */
  choices(): Record<string, Choice> {
    try {
      const raw = this.deps.storage.get(CHOICES_KEY)
      const parsed = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : undefined
      return parsed && typeof parsed === 'object' ? { ...(parsed as Record<string, Choice>) } : {}
    } catch {
      return {}
    }
  }
}
