/** Where the points mall's pages are, and which of them each role starts from. */
import type { Role } from '@honglin/shared'
import type { Entry } from './roles'

export const MallPaths = {
  rewards: '/packages/mall/rewards/index',
  mine: '/packages/mall/mine/index',
  verify: '/packages/mall/verify/index',
  edit: (communityId: string, rewardId?: string) =>
    `/packages/mall/edit/index?communityId=${encodeURIComponent(communityId)}${rewardId ? `&rewardId=${encodeURIComponent(rewardId)}` : ''}`,
} as const

export function mallEntriesFor(role: Role): Entry[] {
  if (role === 'volunteer')
    return [
      { title: '积分超市', hint: '用积分兑换礼品', url: MallPaths.rewards },
      { title: '我的兑换', hint: '兑换码与领取进度', url: MallPaths.mine },
    ]
  if (role === 'community_staff' || role === 'admin')
    return [
      { title: '积分超市管理', hint: '礼品上架、库存、兑换记录', url: MallPaths.rewards },
      { title: '礼品核销', hint: '扫码或输入兑换码发放礼品', url: MallPaths.verify },
    ]
  if (role === 'unit_contact') return [{ title: '礼品核销', hint: '本单位提供的礼品', url: MallPaths.verify }]
  return []
}

/** A pickup code as people read it: two groups of four digits. */
export const spacedCode = (code: string): string => `${code.slice(0, 4)} ${code.slice(4)}`

/** What a scanned QR (or typed text) holds: the eight digits, spaces and a prefix aside. */
export function codeFromScan(text: string): string {
  const digits = text.replace(/\D/g, '')
  return digits.length >= 8 ? digits.slice(-8) : digits
}

/**
 * The code in what `scanCode` answered. A pickup code's 小程序码 answers the 核销 page's `path`
 * with `scene=<code>` (percent-encoded on some phones, not on others); any other code (a
 * printed QR, a barcode) its text.
 */
export function codeFromScanResult(res: { result?: string; path?: string }): string {
  const scene = res.path ? /[?&]scene=([^&]*)/.exec(res.path)?.[1] : undefined
  return codeFromScan(scene !== undefined ? codeFromScene(scene) : (res.result ?? ''))
}

/** The page's `scene` query (WeChat's camera opened the 核销 page from a 小程序码): the code. */
export function codeFromScene(scene: string | undefined): string {
  if (!scene) return ''
  let text = scene
  try {
    text = decodeURIComponent(scene)
  } catch {
    // Not encoded after all: read it as it is.
  }
  return codeFromScan(text)
}
