/**
 * Drawing a trend as an SVG picture, with no chart library: the picture holds only lines and
 * dots (no text, so nothing depends on the device's fonts); labels are laid out around it as
 * ordinary text. The same picture serves weapp and H5 through an image's data URL.
 */
export interface Series {
  /** Colour of the line. */
  color: string
  values: readonly number[]
}

const W = 600
const H = 240
const PAD = 12

/** A round top for the value axis: 1, 2 or 5 times a power of ten, at least 1. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power
  return 10 * power
}

/** The points of one series scaled into the picture, left to right. */
export function pointsOf(values: readonly number[], top: number): Array<[number, number]> {
  const n = values.length
  return values.map((v, i) => {
    const x = n === 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (n - 1)
    const y = H - PAD - (Math.max(0, v) / top) * (H - 2 * PAD)
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10]
  })
}

/** The SVG of a trend: four guide lines, then each series as a line with dots. */
export function trendSvg(series: readonly Series[], top: number): string {
  const guides = [0, 1, 2, 3, 4]
    .map((k) => {
      const y = PAD + (k * (H - 2 * PAD)) / 4
      return `<line x1="0" y1="${y}" x2="${W}" y2="${y}" stroke="#e6dfd8" stroke-width="1"/>`
    })
    .join('')
  const lines = series
    .map((s) => {
      const pts = pointsOf(s.values, top)
      const dots = pts.length <= 40 ? pts.map(([x, y]) => `<circle cx="${x}" cy="${y}" r="4" fill="${s.color}"/>`).join('') : ''
      return `<polyline fill="none" stroke="${s.color}" stroke-width="4" stroke-linejoin="round" points="${pts.map((p) => p.join(',')).join(' ')}"/>${dots}`
    })
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" preserveAspectRatio="none">${guides}${lines}</svg>`
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Base64 of an ASCII text (the mini-program has no btoa). */
export function base64Ascii(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i)
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) : NaN
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) : NaN
    const n = (a << 16) | ((b || 0) << 8) | (c || 0)
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!
    out += Number.isNaN(b) ? '=' : B64[(n >> 6) & 63]!
    out += Number.isNaN(c) ? '=' : B64[n & 63]!
  }
  return out
}

export const svgDataUrl = (svg: string): string => `data:image/svg+xml;base64,${base64Ascii(svg)}`
