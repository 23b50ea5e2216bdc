/**
 * The three ways a resident can place an order (点单), as the home page shows them. Plain data:
 * the H5 build's first-screen shell (client/config/first-screen-shell.ts) draws the same tiles.
 */
export const ORDER_KINDS = [
  { key: 'service', title: '服务', hint: '上门帮忙、代办、陪伴' },
  { key: 'wish', title: '微心愿', hint: '说出您的小心愿' },
  { key: 'report', title: '随手拍', hint: '拍下身边的问题' },
] as const
