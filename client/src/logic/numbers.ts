/**
 * Numbers typed by a person. What they typed is read as written and the contract judges it:
 * "-2" hours stays -2 and is refused with the contract's message, never quietly turned into 2
 * (which is what an input that filters out the minus sign did). Full-width digits from a
 * Chinese keyboard read as digits; anything else that is not a plain decimal (hex, exponents,
 * "Infinity", "1,5") is not a number, and the contract says so.
 */

/**
 * The props of a number input. On H5, Taro's `digit`/`number` inputs drop every character
 * that is not a digit (a typed "-2" shows and sends 2), so the input is plain text asking
 * the browser for a decimal keyboard; the mini-program's own `digit` keyboard has no minus
 * key and filters nothing.
 */
export const NUMBER_INPUT: { type: 'digit' | 'text'; nativeProps?: Record<string, string> } =
  process.env.TARO_ENV === 'weapp' ? { type: 'digit' } : { type: 'text', nativeProps: { inputMode: 'decimal' } }

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/

/** `undefined` for an empty field; `NaN` for text that is not a plain decimal number. */
export function numberFrom(typed: string | undefined): number | undefined {
  const text = (typed ?? '')
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[\uFF0E\u3002]/g, '.')
    .replace(/[\uFF0D\u2212]/g, '-')
    .trim()
  if (text === '') return undefined
  return DECIMAL.test(text) ? Number(text) : NaN
}
