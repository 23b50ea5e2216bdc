/**
 * The yearly letters as one Word document: a section (so a new page) per member with the
 * letter to the work unit, and after it the 喜报 for an outstanding member. Official layout on
 * A4: a centred title, the salutation flush left, the body indented two characters, the
 * community's name with its seal line and the date flush right. The reader's fonts render the
 * Chinese (宋体 / 黑体 named, as official documents use).
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun, type ISectionOptions } from 'docx'
import type { LetterText } from '@honglin/shared'

const BODY_FONT = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' }
const TITLE_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' }
/** docx sizes are half-points: 三号 16 pt, 二号 22 pt, 小初 36 pt. */
const BODY_SIZE = 32

const line = (text: string, options: { bold?: boolean; size?: number; color?: string; font?: typeof BODY_FONT } = {}) =>
  new TextRun({ text, font: options.font ?? BODY_FONT, size: options.size ?? BODY_SIZE, bold: options.bold, color: options.color })

function page(letter: LetterText, goodNews: boolean): ISectionOptions {
  const spacing = { line: 560, after: 0 }
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400 },
      children: [line(letter.title, { bold: true, size: goodNews ? 72 : 44, font: TITLE_FONT, color: goodNews ? 'C00000' : undefined })],
    }),
    new Paragraph({ spacing, children: [line(letter.salutation)] }),
    ...letter.body.map((text) => new Paragraph({ spacing, indent: { firstLineChars: 200 }, children: [line(text)] })),
    ...(letter.closing ? [new Paragraph({ spacing, indent: { firstLineChars: 200 }, children: [line(letter.closing)] })] : []),
    new Paragraph({ spacing: { before: 800, line: 560 }, alignment: AlignmentType.RIGHT, children: [line(letter.signer)] }),
    new Paragraph({ spacing, alignment: AlignmentType.RIGHT, children: [line(letter.date)] }),
  ]
  return {
    properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
    children,
  }
}

export interface LetterPage {
  letter: LetterText
  goodNews?: LetterText
}

export async function lettersDocx(pages: readonly LetterPage[]): Promise<Buffer> {
  const sections = pages.flatMap((p) => [page(p.letter, false), ...(p.goodNews ? [page(p.goodNews, true)] : [])])
  const doc = new Document({ creator: '红邻', title: '在职党员双报到年度情况', sections })
  return Packer.toBuffer(doc)
}
