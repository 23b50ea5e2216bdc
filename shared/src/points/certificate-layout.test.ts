import { certificateLayout, CERTIFICATE_WIDTH, textWidth, wrapText, type CertificateCard, type DrawCommand } from './certificate-layout'

const card: CertificateCard = {
  name: '王小红',
  periodLabel: '2026年度',
  communityName: '新园社区',
  hours: 36.5,
  items: 12,
  points: 240,
  code: 'ABCD-EF23-WXYZ',
  issuedOn: '2026年11月27日',
}

const long: CertificateCard = {
  ...card,
  name: '欧阳娜娜娜娜娜娜娜娜娜娜',
  communityName: '和平区南营门街道新兴路第一社区居民委员会',
  hours: 12345.5,
  items: 9999,
  points: 123456,
}

const texts = (commands: DrawCommand[]) => commands.filter((c): c is Extract<DrawCommand, { kind: 'text' }> => c.kind === 'text')
const allText = (commands: DrawCommand[]) =>
  texts(commands)
    .map((c) => c.text)
    .join('')

/** A text's horizontal extent as drawn (estimated width, anchored by its alignment). */
function extent(c: Extract<DrawCommand, { kind: 'text' }>): [number, number] {
  const w = Math.min(textWidth(c.text, c.size), c.maxWidth)
  if (c.align === 'left') return [c.x, c.x + w]
  if (c.align === 'right') return [c.x - w, c.x]
  return [c.x - w / 2, c.x + w / 2]
}

test('the card says who, when, where, how much, the code and where to check it', () => {
  const layout = certificateLayout(card)
  const all = allText(layout.commands)
  for (const part of [
    '志愿服务时长证明',
    '王小红',
    '2026年度',
    '新园社区',
    '36.5',
    '12',
    '240',
    'ABCD-EF23-WXYZ',
    '证书核验',
    '2026年11月27日',
  ])
    expect(all).toContain(part)
  expect(layout.width).toBe(CERTIFICATE_WIDTH)
})

describe.each([1, 1.25, 1.5, 1.8])('at font scale %s', (scale) => {
  test.each([
    ['short names', card],
    ['long names and big numbers', long],
  ])('%s: every text lies inside the frame, unsqueezed, and lines never overlap', (_label, c) => {
    const layout = certificateLayout(c, scale)
    const frame = { left: 24 + 12, right: layout.width - 24 - 12, bottom: layout.height - 24 - 12 }
    const lines = texts(layout.commands)
    for (const t of lines) {
      // Fits without the canvas having to narrow it.
      expect(textWidth(t.text, t.size)).toBeLessThanOrEqual(t.maxWidth + 0.001)
      const [from, to] = extent(t)
      expect(from).toBeGreaterThanOrEqual(frame.left)
      expect(to).toBeLessThanOrEqual(frame.right)
      expect(t.y).toBeGreaterThan(24 + 12)
      expect(t.y + t.size).toBeLessThanOrEqual(frame.bottom)
    }
    // Text on the same row never overlaps horizontally; consecutive rows never overlap vertically.
    const rows = new Map<number, typeof lines>()
    for (const t of lines) rows.set(t.y, [...(rows.get(t.y) ?? []), t])
    for (const row of rows.values()) {
      const spans = row.map(extent).sort((a, b) => a[0] - b[0])
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1])
    }
    // Every part is still there, however it wrapped.
    const all = allText(layout.commands)
    for (const part of [c.name, c.communityName, c.code, String(c.hours), String(c.points)]) expect(all).toContain(part)
  })
})

test('larger type makes the card taller, never wider', () => {
  const normal = certificateLayout(long, 1)
  const elder = certificateLayout(long, 1.5)
  expect(elder.width).toBe(normal.width)
  expect(elder.height).toBeGreaterThan(normal.height)
})

test('wrapping breaks between characters and keeps every one', () => {
  const lines = wrapText('一二三四五六七八九十', 10, 35)
  expect(lines).toEqual(['一二三', '四五六', '七八九', '十'])
  expect(wrapText('', 10, 35)).toEqual([''])
})
