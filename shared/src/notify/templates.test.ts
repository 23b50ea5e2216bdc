import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import {
  KEYWORD_LIMITS,
  MESSAGE_TEMPLATES,
  PURPOSES,
  TEMPLATE_PURPOSES,
  defaultKeywords,
  fitValue,
  messageTime,
  keywordTypeOf,
  messageData,
  placeholderTemplateId,
  truncateValue,
} from './templates'

const root = join(__dirname, '..', '..', '..')

/** Every event type the functions publish: the `type:` of each announcement and publication. */
function publishedTypes(): string[] {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.ts')) files.push(path)
    }
  }
  walk(join(root, 'cloudfunctions'))
  const types = new Set<string>()
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!/\btype:/.test(line)) continue
      for (const m of line.matchAll(/'((?:demand|task|volunteer|mall)\.[A-Za-z]+)'/g)) types.add(m[1]!)
    }
  }
  return [...types].sort()
}

const HAN_ONLY = /^\p{Script=Han}+$/u
const length = (s: string) => [...s].length

test('every event type the functions publish has a template', () => {
  const types = publishedTypes()
  expect(types.length).toBeGreaterThan(25)
  expect(types.filter((t) => !MESSAGE_TEMPLATES[t])).toEqual([])
})

test('every status word is a phrase: 1–5 Chinese characters and nothing else', () => {
  for (const [type, { status, purpose }] of Object.entries(MESSAGE_TEMPLATES)) {
    expect([type, HAN_ONLY.test(status) && length(status) <= KEYWORD_LIMITS.phrase]).toEqual([type, true])
    expect(PURPOSES).toContain(purpose)
  }
})

test('default keyword names carry their slot’s type, numbered in order', () => {
  expect(defaultKeywords('demandStatus')).toEqual({ item: 'thing1', status: 'phrase2', note: 'thing3', time: 'time4' })
  for (const purpose of PURPOSES) {
    const slots: Record<string, { type: string }> = TEMPLATE_PURPOSES[purpose].slots
    for (const [slot, keyword] of Object.entries(defaultKeywords(purpose))) expect(keywordTypeOf(keyword)).toBe(slots[slot]!.type)
  }
  expect(placeholderTemplateId('demandStatus')).toBe('TPL_DEMAND_STATUS')
  expect(keywordTypeOf('character_string12')).toBe('character_string')
  expect(keywordTypeOf('amount3')).toBeUndefined()
  expect(keywordTypeOf('thing')).toBeUndefined()
})

test('truncation: within the limit unchanged; past it, limit−1 characters and "…"', () => {
  expect(truncateValue('一二三', 3)).toBe('一二三')
  expect(truncateValue('一二三四', 3)).toBe('一二…')
  expect(fitValue('thing', '楼道灯坏了，晚上出入很不方便，请尽快派人来修一下，谢谢')).toBe('楼道灯坏了，晚上出入很不方便，请尽快派…')
  expect(fitValue('phrase', '待 受理ok')).toBe('待受理')
  expect(fitValue('name', '王小红 (志愿者)')).toBe('王小红志愿者')
  expect(fitValue('character_string', '码 1234-ABCD')).toBe('1234-ABCD')
})

test('time is China time, 24-hour, with the date', () => {
  expect(messageTime(Date.UTC(2026, 10, 27, 16, 5))).toBe('2026年11月28日 00:05')
})

test('a message becomes one value per configured keyword; an unmapped type is not sent', () => {
  const at = Date.UTC(2026, 0, 2, 3, 4)
  expect(
    messageData({ type: 'demand.dispatched', title: '已派给王小红', body: '楼道灯坏了', at }, defaultKeywords('demandStatus')),
  ).toEqual({
    purpose: 'demandStatus',
    data: {
      thing1: { value: '楼道灯坏了' },
      phrase2: { value: '已派单' },
      thing3: { value: '已派给王小红' },
      time4: { value: '2026年1月2日 11:04' },
    },
  })
  // Keyword names as the console chose them; a slot the template lacks is left out.
  expect(messageData({ type: 'volunteer.verified', title: '志愿者报到已通过', at }, { result: 'phrase7', time: 'time2' })?.data).toEqual({
    phrase7: { value: '已通过' },
    time2: { value: '2026年1月2日 11:04' },
  })
  expect(messageData({ type: 'project.approved', title: '揭榜项目已通过', at }, {})).toBeUndefined()
  expect(messageData({ type: 'toString', title: 'x', at }, {})).toBeUndefined()
})

/** The longest realistic values: Chinese text up to the length of the inputs that feed them. */
const chinese = (max: number) =>
  fc
    .array(
      fc.oneof(
        fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c)),
        fc.constantFrom('，', '。', '「', '」', ' ', '1', 'A', '😀'),
      ),
      { minLength: 0, maxLength: max },
    )
    .map((cs) => cs.join(''))

test('property: every type, any title and body up to 200 characters, fills every keyword within its type’s rules', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...Object.keys(MESSAGE_TEMPLATES)),
      chinese(60),
      chinese(200),
      fc.integer({ min: 0, max: 4102444800000 }),
      (type, title, body, at) => {
        const purpose = MESSAGE_TEMPLATES[type]!.purpose
        const out = messageData({ type, title: title || '标题', body, at }, defaultKeywords(purpose))!
        const slots: Record<string, { type: keyof typeof KEYWORD_LIMITS }> = TEMPLATE_PURPOSES[purpose].slots
        expect(Object.keys(out.data)).toHaveLength(Object.keys(slots).length)
        for (const [keyword, { value }] of Object.entries(out.data)) {
          const kind = keywordTypeOf(keyword)!
          expect(value.length).toBeGreaterThan(0)
          expect(length(value)).toBeLessThanOrEqual(KEYWORD_LIMITS[kind])
          if (kind === 'phrase') expect(value).toMatch(HAN_ONLY)
          if (kind === 'time') expect(value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
        }
      },
    ),
  )
})
