/**
 * Subscribe messages: which template each kind of event is sent with, and how an event becomes
 * a template's keyword values. One table for the whole project: the functions build `data`
 * from it, deployment checks the console's keyword names against it, the client asks for the
 * templates it names.
 *
 * WeChat's rules (sendMessage reference, "订阅消息参数值内容限制说明"): `thing` ≤ 20
 * characters of any kind; `phrase` ≤ 5 Chinese characters and nothing else; `name` ≤ 10
 * Chinese characters (or 20 letters); `character_string` ≤ 32 letters, digits and symbols;
 * `time` a 24-hour time, optionally with a date (`2019年10月1日 15:01`). A value breaking them
 * is refused with 47003 and the user's subscription is not used up.
 *
 * Adding a kind of event is one entry in `MESSAGE_TEMPLATES`; a kind with no entry is told in
 * the in-app inbox only, never sent.
 */

export type KeywordType = 'thing' | 'phrase' | 'name' | 'time' | 'character_string'

/** Characters a value of each type may have (`time` is a format; its longest form fits). */
export const KEYWORD_LIMITS: Record<KeywordType, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  time: 20,
  character_string: 32,
}

/** What fills a slot: the event's `title` (what happened), its `body` (what about), its status word, its time. */
export type SlotSource = 'title' | 'body' | 'status' | 'time'

export interface Slot {
  type: KeywordType
  from: SlotSource
}

export interface TemplatePurpose {
  /** The template's title as chosen in the console (订阅消息 → 选用模板). */
  title: string
  /** Slots in the order the console lists the keywords. */
  slots: Record<string, Slot>
}

const progress = (subject: string): TemplatePurpose['slots'] => ({
  [subject]: { type: 'thing', from: 'body' },
  status: { type: 'phrase', from: 'status' },
  note: { type: 'thing', from: 'title' },
  time: { type: 'time', from: 'time' },
})

export const TEMPLATE_PURPOSES = {
  /** Residents: what became of what they ordered. */
  demandStatus: { title: '服务进度提醒', slots: progress('item') },
  /** Volunteers and unit contacts: work given to them, or given back. */
  taskAssigned: { title: '任务指派提醒', slots: progress('task') },
  /** A volunteer registration decided. */
  volunteerReview: {
    title: '审核结果通知',
    slots: { result: { type: 'phrase', from: 'status' }, note: { type: 'thing', from: 'body' }, time: { type: 'time', from: 'time' } },
  },
  /** The mall: a reward to collect, or about to lapse. */
  mallPickup: { title: '兑换领取提醒', slots: progress('reward') },
  /** Community staff: something waiting for them. */
  staffTodo: { title: '待办事项提醒', slots: progress('item') },
} as const satisfies Record<string, TemplatePurpose>

export type Purpose = keyof typeof TEMPLATE_PURPOSES
export const PURPOSES = Object.keys(TEMPLATE_PURPOSES) as Purpose[]

export interface MessageTemplate {
  purpose: Purpose
  /** The status word (`phrase`: at most 5 Chinese characters). */
  status: string
}

const to = (purpose: Purpose, status: string): MessageTemplate => ({ purpose, status })

/** Every kind of event that is sent as a subscribe message, with its template and status word. */
export const MESSAGE_TEMPLATES: Record<string, MessageTemplate> = {
  'demand.submitted': to('staffTodo', '待受理'),
  'demand.accepted': to('demandStatus', '已受理'),
  'demand.rejected': to('demandStatus', '未受理'),
  'demand.dispatched': to('demandStatus', '已派单'),
  'demand.published': to('demandStatus', '待认领'),
  'demand.claimed': to('demandStatus', '已认领'),
  'demand.acceptedByAssignee': to('demandStatus', '已接单'),
  'demand.started': to('demandStatus', '服务中'),
  'demand.progress': to('demandStatus', '有进展'),
  'demand.done': to('demandStatus', '待确认'),
  'demand.closed': to('demandStatus', '已办结'),
  'demand.cancelled': to('demandStatus', '已取消'),
  'demand.merged': to('demandStatus', '已合并'),
  'demand.autoConfirmed': to('demandStatus', '已确认'),
  'demand.declined': to('staffTodo', '待重派'),
  'demand.followed': to('staffTodo', '有跟进'),
  'demand.overdue': to('staffTodo', '已超时'),
  'demand.escalated': to('staffTodo', '已上报'),
  'demand.confirmed': to('taskAssigned', '待销号'),
  'demand.rated': to('taskAssigned', '已评价'),
  'task.assigned': to('taskAssigned', '待接单'),
  'task.reopened': to('taskAssigned', '需返工'),
  'volunteer.registered': to('staffTodo', '待审核'),
  'volunteer.verified': to('volunteerReview', '已通过'),
  'volunteer.rejected': to('volunteerReview', '未通过'),
  'mall.reserved': to('mallPickup', '待领取'),
  'mall.expiring': to('mallPickup', '将过期'),
  'mall.expired': to('mallPickup', '已过期'),
  'mall.fulfilled': to('mallPickup', '已领取'),
  'mall.offered': to('staffTodo', '待审核'),
  'mall.reward': to('staffTodo', '已上新'),
}

/** The template an event is sent with, or undefined: told in the inbox only. */
export function templateOf(type: string): MessageTemplate | undefined {
  return Object.prototype.hasOwnProperty.call(MESSAGE_TEMPLATES, type) ? MESSAGE_TEMPLATES[type] : undefined
}

/** The type a console keyword name says (`thing3` → `thing`), if it is one we fill. */
export function keywordTypeOf(keyword: string): KeywordType | undefined {
  const type = /^([a-z_]+?)\d+$/.exec(keyword)?.[1]
  return type && type in KEYWORD_LIMITS ? (type as KeywordType) : undefined
}

/**
 * Keyword names when the deployment names none: the slots in order, numbered from 1
 * (`thing1`, `phrase2`, …), as the local emulator's templates are.
 */
export function defaultKeywords(purpose: Purpose): Record<string, string> {
  return Object.fromEntries(Object.entries(TEMPLATE_PURPOSES[purpose].slots).map(([slot, s], i) => [slot, `${s.type}${i + 1}`]))
}

/** The placeholder template id of a purpose (`TPL_DEMAND_STATUS`), used until the console's is configured. */
export function placeholderTemplateId(purpose: Purpose): string {
  return `TPL_${purpose.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`
}

const ELLIPSIS = '…'
const HAN = /\p{Script=Han}/u

/** `value` cut to `limit` characters: past it, limit−1 of them and "…". */
export function truncateValue(value: string, limit: number): string {
  const chars = [...value]
  return chars.length <= limit ? value : chars.slice(0, limit - 1).join('') + ELLIPSIS
}

/** China time (UTC+8, no daylight saving) as `2026年11月27日 08:05`. */
export function messageTime(ms: number): string {
  const d = new Date(ms + 8 * 3600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** A value that fits its type: cut, and for types that allow only some characters, filtered. */
export function fitValue(type: KeywordType, raw: string): string {
  const value = raw.replace(/\s+/g, ' ').trim()
  switch (type) {
    case 'phrase':
      return [...value]
        .filter((c) => HAN.test(c))
        .slice(0, KEYWORD_LIMITS.phrase)
        .join('')
    case 'name': {
      const han = [...value].filter((c) => HAN.test(c)).join('')
      return han ? truncateValue(han, KEYWORD_LIMITS.name) : truncateValue(value, 20)
    }
    case 'character_string':
      return value.replace(/[^\x21-\x7e]/g, '').slice(0, KEYWORD_LIMITS.character_string)
    default:
      return truncateValue(value, KEYWORD_LIMITS[type])
  }
}

export interface MessageFacts {
  type: string
  title: string
  body?: string
  /** When it happened (ms). */
  at: number
}

/**
 * The `data` of a subscribe message for an event, keyed by the console's keyword names
 * (`keywords`: slot → name, e.g. `{ item: 'thing1' }`); undefined for an event told in the
 * inbox only. An empty value would be refused, so a missing body falls back to the title.
 */
export function messageData(
  facts: MessageFacts,
  keywords: Record<string, string>,
): { purpose: Purpose; data: Record<string, { value: string }> } | undefined {
  const template = templateOf(facts.type)
  if (!template) return undefined
  const source: Record<SlotSource, string> = {
    title: facts.title,
    body: facts.body?.trim() ? facts.body : facts.title,
    status: template.status,
    time: messageTime(facts.at),
  }
  const slots: Record<string, Slot> = TEMPLATE_PURPOSES[template.purpose].slots
  const data: Record<string, { value: string }> = {}
  for (const [slot, { type, from }] of Object.entries(slots)) {
    const keyword = keywords[slot]
    if (!keyword) continue
    data[keyword] = { value: fitValue(type, source[from]) || '—' }
  }
  return { purpose: template.purpose, data }
}
