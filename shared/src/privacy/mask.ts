/**
 * Masking of free text (描述, 进展与完成说明, 评价, 原因): phone numbers, long numbers such as
 * ID card numbers, and house numbers ("3号楼2单元501", "501室", "12-3-402") are starred; the
 * names given (the contact's) are shortened to their first character. A building alone
 * ("3号楼前路灯不亮") stays: it locates a public problem, not a home.
 *
 * No lookbehind in these patterns: older iOS JavaScript engines reject it when parsing, and
 * the client bundles this file. A leading `(^|[^0-9])` group plays its part.
 */

const DASH = '[-－—–]'
const N = '[0-9]+'
const BUILDING = '(?:号楼|栋|幢|座|号院)'
const UNIT = '(?:单元|号门|门)'
const ROOM = '(?:室|户|号房|房间|房)'
/** What may follow "3-402" when it is a quantity or a range, not a flat. */
const QUANTITY = '(?:元|块|人|个|位|岁|年|月|日|天|周|次|分|秒|米|斤|公斤|小时|点|件|箱|期|%|号(?!楼))'

/** Mobile (with optional +86), landline with area code, or any run of 7+ digits (ID numbers too). */
const LONG_NUMBER = new RegExp(
  `(^|[^0-9])((?:\\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]){8}|0[0-9]{2,3}[ -]?[0-9]{7,8}|[0-9]{7,}[0-9Xx]?)(?![0-9])`,
  'g',
)

const HOUSE_NUMBER = new RegExp(
  `(^|[^0-9])(${[
    `${N}\\s*${BUILDING}\\s*${N}\\s*${UNIT}(?:\\s*[0-9]{2,4}\\s*(?:${ROOM}|号)?)?`,
    `${N}\\s*${BUILDING}\\s*[0-9]{2,4}\\s*(?:${ROOM}|号)?`,
    `${N}\\s*${UNIT}\\s*[0-9]{2,4}\\s*(?:${ROOM}|号)?`,
    `[0-9]{2,5}\\s*${ROOM}`,
    `[0-9]{1,3}${DASH}[0-9]{1,3}${DASH}[0-9]{2,4}(?![0-9])`,
    `[0-9]{1,3}${DASH}[0-9]{3,4}(?![0-9]|\\s*${QUANTITY})`,
  ].join('|')})`,
  'g',
)

const FULL_WIDTH_DIGIT = /[０-９]/g

const star = (s: string) => s.replace(/[0-9Xx]/g, '*')

function shortName(name: string): string {
  return name.length <= 1 ? name : `${name[0]}${'*'.repeat(Math.min(2, name.length - 1))}`
}

/** The text with phone and house numbers starred and the given names shortened. */
export function maskFreeText(text: string, names: readonly (string | undefined)[] = []): string {
  if (!text) return text
  let masked = text
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(LONG_NUMBER, (_m, before: string, number: string) => `${before}${star(number)}`)
    .replace(HOUSE_NUMBER, (_m, before: string, house: string) => `${before}${star(house)}`)
  for (const name of new Set(names.map((n) => n?.trim()).filter((n): n is string => !!n && n.length >= 2))) {
    masked = masked.split(name).join(shortName(name))
  }
  return masked
}

/** `maskFreeText` for optional text. */
export function maskOptional(text: string | undefined, names: readonly (string | undefined)[] = []): string | undefined {
  return text === undefined ? undefined : maskFreeText(text, names)
}
