/** How the 光荣榜 and certificate screens write a date: Beijing's calendar day, whatever the phone's zone. */
export function formatDate(at: number): string {
  const d = new Date(at + 8 * 3_600_000)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}
