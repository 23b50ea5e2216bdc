/**
 * Mini-program codes (`wxacode.getUnlimited`, `wxacode.get`, `wxacode.createQRCode`), drawn
 * locally. WeChat answers a PNG of a 小程序码 that opens the page; here the PNG is an ordinary
 * QR code (any phone or library can read it) of what WeChat would open, `width` pixels square:
 * - getUnlimited: `<page>?scene=<scene>` (page empty when not given: the home page),
 * - get / createQRCode: the `path`.
 * The parameter checks are WeChat's: `scene` is required, at most 32 visible characters from
 * its allowed set (40169 otherwise); `width` is 280 to 1280 (default 430).
 */
import qrcode from 'qrcode-generator'
import { greyscalePng } from './png'
import { argumentInvalid, type WxAnswer, type WxMedia } from './types'

export const INVALID_SCENE = 40169
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/
const QUIET_ZONE = 4

function png(text: string, width: number): WxMedia {
  const code = qrcode(0, 'M')
  code.addData(text, 'Byte')
  code.make()
  const modules = code.getModuleCount()
  const cell = Math.max(1, Math.floor(width / (modules + 2 * QUIET_ZONE)))
  const offset = Math.floor((width - cell * modules) / 2)
  const dark = (x: number, y: number) => {
    const col = Math.floor((x - offset) / cell)
    const row = Math.floor((y - offset) / cell)
    return x >= offset && y >= offset && row < modules && col < modules && code.isDark(row, col)
  }
  return {
    errcode: 0,
    errmsg: 'ok',
    media: { contentType: 'image/png', bytes: greyscalePng(width, width, (x, y) => (dark(x, y) ? 0 : 255)) },
  }
}

function widthOf(params: Record<string, unknown>): number | WxAnswer {
  const width = params.width === undefined ? 430 : Number(params.width)
  if (!Number.isFinite(width) || width < 280 || width > 1280)
    return argumentInvalid(`width must be 280 to 1280, got ${String(params.width)}`)
  return Math.round(width)
}

export function getUnlimited(params: Record<string, unknown>): WxAnswer | WxMedia {
  const scene = params.scene
  if (typeof scene !== 'string' || !SCENE.test(scene))
    return { errcode: INVALID_SCENE, errmsg: 'invalid length for scene, or the data is not json string' }
  const width = widthOf(params)
  if (typeof width !== 'number') return width
  const page = typeof params.page === 'string' ? params.page : ''
  return png(`${page}?scene=${scene}`, width)
}

/** `wxacode.get` and `wxacode.createQRCode`: a code for a page path (query allowed). */
export function getForPath(params: Record<string, unknown>): WxAnswer | WxMedia {
  const path = params.path
  if (typeof path !== 'string' || path === '' || path.length > 1024) return argumentInvalid('path is empty or longer than 1024 characters')
  const width = widthOf(params)
  if (typeof width !== 'number') return width
  return png(path, width)
}
