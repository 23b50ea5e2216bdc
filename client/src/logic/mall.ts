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
