/**
 * How a 台账 sheet is laid out, independent of the spreadsheet library: column widths follow
 * the display width of the text (a Chinese character takes two columns of a Latin one, so a
 * width counted in characters would cut Chinese headings in half), dates read in China time,
 * and the title and signature lines use the wording of official 台账.
 */

/** Characters shown two columns wide: CJK ideographs and punctuation, kana, Hangul, full-width forms. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/

/** Columns `text` takes in a monospaced view: 2 for each wide character, 1 for others; a multi-line text its longest line. */
export function displayWidth(text: string): number {
  let widest = 0
  for (const line of text.split('\n')) {
    let width = 0
    for (const ch of line) width += WIDE.test(ch) ? 2 : 1
    widest = Math.max(widest, width)
  }
  return widest
}

export interface SheetColumn {
  key: string
  header: string
  /** Never narrower (in character columns). */
  min: number
  /** Never wider: longer text wraps within the cell. */
  max: number
}

/** A column's width: its widest text (heading included) plus a margin, within its bounds. */
export function columnWidth(column: SheetColumn, widestText: number): number {
  const widest = Math.max(widestText, displayWidth(column.header))
  return Math.min(column.max, Math.max(column.min, widest + 2))
}

/** The widest text seen per column so far, grown by `rows` (kept across the runs of an export). */
export function widerOf(widths: readonly number[], rows: readonly (readonly string[])[]): number[] {
  const next = [...widths]
  for (const row of rows) row.forEach((cell, i) => (next[i] = Math.max(next[i] ?? 0, displayWidth(cell))))
  return next
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-11-27` in China time. */
export function chinaDate(at: number): string {
  const d = new Date(at + CHINA_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** `2026-11-27 08:30` in China time. */
export function chinaDateTime(at: number): string {
  const d = new Date(at + CHINA_OFFSET_MS)
  return `${chinaDate(at)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** `2026年11月27日` in China time. */
export function chinaDateLong(at: number): string {
  const d = new Date(at + CHINA_OFFSET_MS)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** `2026-11-27` as people write it: 2026年11月27日. */
export const dayText = (day: string): string => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

/** The China days `from`..`to` (both included) as people write them. */
export function periodText(from: string, to: string): string {
  return from === to ? dayText(from) : `${dayText(from)}至${dayText(to)}`
}

/** The merged title row of a sheet: whose ledger and for which period. */
export function sheetTitle(scopeName: string, what: string, from: string, to: string): string {
  return `${scopeName}${what}（${periodText(from, to)}）`
}

/** The page footer: centred page number of the total (Excel header/footer codes). */
export const PAGE_FOOTER = '&C第 &P 页，共 &N 页'

/** The lines after the last row: who drew it up and checked it, when, and where the seal goes. */
export function signatureLines(scopeName: string, madeAt: number): string[] {
  return [`制表单位：${scopeName}（盖章）    制表人：____________    审核人：____________`, `制表日期：${chinaDateLong(madeAt)}`]
}
