/**
 * The 双报到 yearly report: who is an in-service party member (在职党员: registered through
 * 双报到 as a party member with a work unit, verified by the community — or verified once and
 * since revoked, for the year they served), what their year adds up to, and the letter's text.
 * The letter is sent to the work unit (发函反馈); an outstanding member's unit also gets a 喜报.
 */
import type { VolunteerRegistration } from '../contract/results'
import { maskFreeText } from '../privacy/mask'
import { averageStars, evaluate, type Evaluation } from './evaluation'
import { GOOD_STARS } from './metrics'
import { dayText } from './sheet'

export const isInServiceMember = (v: VolunteerRegistration | null | undefined): boolean =>
  !!v && v.isPartyMember && !!v.workUnit?.trim() && (v.status === 'verified' || v.status === 'revoked')

/** The first instant of a China calendar year and of the next. */
export function yearBounds(year: number): { start: number; end: number } {
  const offset = 8 * 3_600_000
  return { start: Date.UTC(year, 0, 1) - offset, end: Date.UTC(year + 1, 0, 1) - offset }
}

/** What one closed item adds to a member's year. */
export interface ClosedItem {
  closedAt: number
  hours: number
  points: number
  stars?: number
  comment?: string
  /** The resident's name, masked out of the comment. */
  contactName?: string
}

/** Comments quoted in a letter at most. */
export const LETTER_COMMENTS = 5

export interface MemberYear {
  userId: string
  name: string
  workUnit: string
  communityId: string
  year: number
  items: number
  hours: number
  points: number
  rated: number
  averageStars: number | null
  /** Share of ratings with 4–5 stars. */
  goodShare: number | null
  /** The newest comments, phone and house numbers starred. */
  comments: string[]
  evaluation: Evaluation
}

export function memberYear(
  member: { userId: string; name: string; workUnit: string; communityId: string },
  year: number,
  items: readonly ClosedItem[],
): MemberYear {
  const { start, end } = yearBounds(year)
  const inYear = items.filter((i) => i.closedAt >= start && i.closedAt < end).sort((a, b) => b.closedAt - a.closedAt)
  const hours = Math.round(inYear.reduce((s, i) => s + (i.hours || 0), 0) * 10) / 10
  const stars = inYear.filter((i) => typeof i.stars === 'number').map((i) => i.stars!)
  return {
    ...member,
    year,
    items: inYear.length,
    hours,
    points: inYear.reduce((s, i) => s + (i.points || 0), 0),
    rated: stars.length,
    averageStars: averageStars(stars),
    goodShare: stars.length === 0 ? null : Math.round((stars.filter((s) => s >= GOOD_STARS).length / stars.length) * 1000) / 1000,
    comments: inYear
      .filter((i) => i.comment?.trim())
      .slice(0, LETTER_COMMENTS)
      .map((i) => maskFreeText(i.comment!.trim(), [i.contactName])),
    evaluation: evaluate({ hours, items: inYear.length, stars }),
  }
}

/** The letter to the work unit, paragraph by paragraph. */
export interface LetterText {
  title: string
  salutation: string
  body: string[]
  closing: string
  signer: string
  date: string
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`

export function letterText(m: MemberYear, communityName: string, day: string): LetterText {
  const ratings =
    m.rated === 0
      ? '二、群众评价：本年度暂无群众评价。'
      : `二、群众评价：共获得群众评价 ${m.rated} 次，平均 ${m.averageStars} 星，满意（4 星及以上）占 ${percent(m.goodShare ?? 0)}。`
  const comments = m.comments.length === 0 ? [] : ['三、群众留言摘录：', ...m.comments.map((c, i) => `${i + 1}. “${c}”`)]
  const verdict = `${comments.length === 0 ? '三' : '四'}、社区评价：经${communityName}党组织评定，${m.name}同志${m.year}年度双报到表现为“${m.evaluation.label}”。${
    m.evaluation.level === 'outstanding' ? '' : `（${m.evaluation.short.join('；')}）`
  }`
  return {
    title: `关于${m.name}同志${m.year}年度在职党员“双报到”情况的函`,
    salutation: `${m.workUnit}党组织：`,
    body: [
      `贵单位在职党员${m.name}同志到${communityName}报到，参加社区志愿服务。现将其${m.year}年度在社区服务的情况函告如下：`,
      `一、服务情况：全年办结志愿服务 ${m.items} 项，累计服务时长 ${m.hours} 小时，获得志愿服务积分 ${m.points} 分。`,
      ratings,
      ...comments,
      verdict,
    ],
    closing: '特此函告。感谢贵单位对社区工作的大力支持！',
    signer: `${communityName}党组织（盖章）`,
    date: dayText(day),
  }
}

/** The 喜报 for an outstanding member's work unit. */
export function goodNewsText(m: MemberYear, communityName: string, day: string): LetterText {
  return {
    title: '喜  报',
    salutation: `${m.workUnit}：`,
    body: [
      `贵单位在职党员${m.name}同志积极参加“双报到”社区志愿服务，${m.year}年度在${communityName}办结志愿服务 ${m.items} 项、累计服务 ${m.hours} 小时，群众评价平均 ${m.averageStars} 星，经社区党组织评定为${m.year}年度“优秀”在职党员。`,
      '特向贵单位报喜，并致以衷心感谢！',
    ],
    closing: '',
    signer: `${communityName}党组织（盖章）`,
    date: dayText(day),
  }
}
