/**
 * The service-hour certificate as an image: where every text and line goes, as plain drawing
 * commands a thin canvas adapter (weapp canvas 2d, H5 canvas) draws one by one. Kept free of
 * any canvas so it can be tested: every text fits inside the card at any font scale (长辈模式
 * draws larger), long names and community names wrap, and the card grows as tall as it needs.
 *
 * Without a canvas there is no `measureText`, so widths are estimated on the wide side: a
 * Chinese character is one em, Latin letters and digits about two thirds of one. Each text
 * also carries `maxWidth`, which canvases honour by narrowing a line rather than overflowing.
 */

export const CERTIFICATE_WIDTH = 750
/** The H5 download and the weapp export are drawn at this many pixels per layout unit. */
export const CERTIFICATE_PIXEL_RATIO = 2

export interface CertificateCard {
  /** The holder's name as they chose to appear on honours (full, or masked). */
  name: string
  /** `2026年度`, or any period's label. */
  periodLabel: string
  communityName: string
  hours: number
  items: number
  points: number
  code: string
  /** The issue date as people read it (`2026年11月27日`). */
  issuedOn: string
}

export type DrawCommand =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill?: string; stroke?: string; lineWidth?: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; lineWidth: number }
  | {
      kind: 'text'
      text: string
      /** The anchor: left edge, centre or right edge by `align`; `y` is the top of the line. */
      x: number
      y: number
      size: number
      bold: boolean
      color: string
      align: 'left' | 'center' | 'right'
      maxWidth: number
    }

export interface CertificateLayout {
  width: number
  height: number
  commands: DrawCommand[]
}

const RED = '#c8161d'
const INK = '#333333'
const MUTED = '#666666'
const PAPER = '#fffaf0'
const MARGIN = 24
const PADDING = 56
const LINE_GAP = 1.45

/** The estimated width of `text` at `size`: wide enough for any common font. */
export function textWidth(text: string, size: number): number {
  let em = 0
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (code > 0x2e7f) em += 1
    else if (ch === ' ') em += 0.35
    else if (/[A-Z0-9#@%&MW]/.test(ch)) em += 0.72
    else em += 0.6
  }
  return em * size
}

/** `text` broken into lines no wider than `width`, at characters (Chinese has no spaces to break at). */
export function wrapText(text: string, size: number, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of text) {
    if (line && textWidth(line + ch, size) > width) {
      lines.push(line)
      line = ch === ' ' ? '' : ch
    } else line += ch
  }
  if (line) lines.push(line)
  return lines.length > 0 ? lines : ['']
}

export function certificateLayout(card: CertificateCard, fontScale = 1): CertificateLayout {
  const width = CERTIFICATE_WIDTH
  const inner = width - 2 * (MARGIN + PADDING)
  const left = MARGIN + PADDING
  const centre = width / 2
  const s = (n: number) => Math.round(n * fontScale)
  const commands: DrawCommand[] = []
  let y = MARGIN + PADDING

  const paragraph = (text: string, size: number, options: { color?: string; bold?: boolean; align?: 'left' | 'center' } = {}) => {
    const align = options.align ?? 'left'
    for (const line of wrapText(text, size, inner)) {
      commands.push({
        kind: 'text',
        text: line,
        x: align === 'center' ? centre : left,
        y,
        size,
        bold: options.bold ?? false,
        color: options.color ?? INK,
        align,
        maxWidth: inner,
      })
      y += Math.round(size * LINE_GAP)
    }
  }
  const gap = (n: number) => {
    y += s(n)
  }

  paragraph('志愿服务时长证明', s(52), { color: RED, bold: true, align: 'center' })
  gap(8)
  commands.push({ kind: 'line', x1: left, y1: y, x2: width - left, y2: y, stroke: RED, lineWidth: 3 })
  gap(28)
  paragraph(`兹证明 ${card.name} 于 ${card.periodLabel}在 ${card.communityName} 参加社区志愿服务，经社区销号确认：`, s(30))
  gap(20)
  y = numbers(commands, card, { left, inner, y, scale: fontScale })
  gap(20)
  paragraph(`服务社区：${card.communityName}`, s(28))
  paragraph(`开具日期：${card.issuedOn}`, s(28))
  gap(16)
  paragraph(`核验编号：${card.code}`, s(34), { bold: true, color: RED })
  gap(8)
  paragraph('查验真伪：微信打开“红邻”小程序，进入“证书核验”，输入核验编号。', s(26), { color: MUTED })
  gap(24)
  commands.push({ kind: 'line', x1: left, y1: y, x2: width - left, y2: y, stroke: RED, lineWidth: 1 })
  gap(20)
  paragraph('红邻 · 党建引领社区服务', s(26), { color: RED, align: 'center' })

  const height = y + PADDING + MARGIN
  const frame: DrawCommand[] = [
    { kind: 'rect', x: 0, y: 0, width, height, fill: PAPER },
    { kind: 'rect', x: MARGIN, y: MARGIN, width: width - 2 * MARGIN, height: height - 2 * MARGIN, stroke: RED, lineWidth: 6 },
    {
      kind: 'rect',
      x: MARGIN + 12,
      y: MARGIN + 12,
      width: width - 2 * MARGIN - 24,
      height: height - 2 * MARGIN - 24,
      stroke: RED,
      lineWidth: 2,
    },
  ]
  return { width, height, commands: [...frame, ...commands] }
}

/**
 * Hours, items and points, one row each: label on the left, value on the right; the label above
 * its value when the two are too wide for one row (large type, large numbers).
 */
function numbers(commands: DrawCommand[], card: CertificateCard, at: { left: number; inner: number; y: number; scale: number }): number {
  const s = (n: number) => Math.round(n * at.scale)
  const cells = [
    { value: String(card.hours), label: '服务时长（小时）' },
    { value: String(card.items), label: '服务项目（项）' },
    { value: String(card.points), label: '获得积分' },
  ]
  let y = at.y
  const rowValue = s(44)
  const rowLabel = s(28)
  for (const c of cells) {
    const label = {
      kind: 'text',
      text: c.label,
      x: at.left,
      size: rowLabel,
      bold: false,
      color: MUTED,
      align: 'left',
      maxWidth: at.inner,
    } as const
    const value = { kind: 'text', text: c.value, size: rowValue, bold: true, color: RED, maxWidth: at.inner } as const
    if (textWidth(c.label, rowLabel) + 16 + textWidth(c.value, rowValue) <= at.inner) {
      commands.push({ ...label, y: y + Math.round((rowValue - rowLabel) / 2) })
      commands.push({ ...value, x: at.left + at.inner, y, align: 'right' })
      y += Math.round(rowValue * LINE_GAP)
    } else {
      // Too large for one row: the label above its value.
      commands.push({ ...label, y })
      y += Math.round(rowLabel * LINE_GAP)
      commands.push({ ...value, x: at.left, y, align: 'left' })
      y += Math.round(rowValue * LINE_GAP)
    }
  }
  return y
}
