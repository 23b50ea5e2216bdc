/**
 * What user text may contain. Stored text is shown to other people (staff, volunteers, the
 * resident) and sent in subscribe messages, so it must be readable as written: no lone UTF-16
 * surrogates (ill-formed Unicode, which storage and JSON encoders mangle), no control
 * characters, no bidi embedding/override/isolate controls (they reorder what a reader sees,
 * e.g. make a phone number or an amount read backwards), and something visible besides
 * whitespace and zero-width characters. Plain code-unit loops and character classes only:
 * the mini-program's JavaScript engines on older phones lack regex lookbehind.
 */

/** Bidi embeddings and overrides (U+202A–202E) and isolates (U+2066–2069): refused anywhere. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/
/** C0 controls, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/
/** The same, except the line breaks and tabs that multi-line text may hold. */
// eslint-disable-next-line no-control-regex
const CONTROLS_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/

/**
 * Characters that show nothing: whitespace (JavaScript's `\s`, which includes the BOM),
 * the soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul fillers, Khmer and
 * Mongolian invisibles, zero-width space/joiners and direction marks, bidi controls, word
 * joiner and invisible operators, braille blank, variation selectors, interlinear annotation
 * marks, and tag characters / supplementary variation selectors (U+E0000–E01EF, as pairs).
 */
const INVISIBLE =
  // Each joiner and selector is listed on purpose, to be removed wherever it stands.
  // eslint-disable-next-line no-misleading-character-class
  /[\s\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u2800\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDDEF]/g

export function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
      else return true
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true
  }
  return false
}

/** How many characters (code points) of `value` show something. */
export function visibleLength(value: string): number {
  return Array.from(value.replace(INVISIBLE, '')).length
}

export interface TextRule {
  label: string
  /** Fewest visible characters; 0 for optional text (empty is fine, invisible-only is not). */
  min: number
  multiline: boolean
}

/** The Chinese message for what is wrong with `value`, or undefined when it is acceptable. */
export function textProblem(value: string, { label, min, multiline }: TextRule): string | undefined {
  if (hasLoneSurrogate(value)) return `${label}含有无法识别的字符`
  if (BIDI_CONTROLS.test(value) || (multiline ? CONTROLS_MULTILINE : CONTROLS).test(value))
    return multiline ? `${label}含有不可见的控制字符` : `${label}含有换行或不可见的控制字符`
  if (value === '' && min === 0) return undefined
  const visible = visibleLength(value)
  if (visible === 0 && min === 0) return `${label}不能只有空白或不可见字符`
  if (visible < min) return min === 1 ? `请填写${label}` : `${label}至少 ${min} 个字`
  return undefined
}
