import { chinaDate, chinaDateTime, columnWidth, displayWidth, periodText, sheetTitle, widerOf } from './sheet'

describe('sheet layout', () => {
  test('display width: a Chinese character or full-width form counts 2, Latin 1, a multi-line text its longest line', () => {
    expect(displayWidth('abc')).toBe(3)
    expect(displayWidth('台账')).toBe(4)
    expect(displayWidth('3号楼，（２）')).toBe(1 + 2 + 2 + 2 + 2 + 2 + 2)
    expect(displayWidth('短\n长一些的行')).toBe(10)
    expect(displayWidth('')).toBe(0)
  })

  test('a column is as wide as its widest text or heading plus 2, within its bounds', () => {
    const col = { key: 'x', header: '地址', min: 8, max: 20 }
    expect(columnWidth(col, 0)).toBe(8)
    expect(columnWidth(col, 10)).toBe(12)
    expect(columnWidth(col, 40)).toBe(20)
    expect(columnWidth({ ...col, header: '很长很长的标题文字' }, 0)).toBe(20)
    expect(
      widerOf(
        [3, 0],
        [
          ['台账', 'a'],
          ['x', '网格员'],
        ],
      ),
    ).toEqual([4, 6])
  })

  test('dates and periods in China time', () => {
    // 2026-11-30 16:30 UTC is 12-01 00:30 in China.
    const at = Date.UTC(2026, 10, 30, 16, 30)
    expect(chinaDate(at)).toBe('2026-12-01')
    expect(chinaDateTime(at)).toBe('2026-12-01 00:30')
    expect(periodText('2026-11-01', '2026-11-30')).toBe('2026年11月1日至2026年11月30日')
    expect(periodText('2026-11-05', '2026-11-05')).toBe('2026年11月5日')
    expect(sheetTitle('新园社区', '台账', '2026-01-01', '2026-12-31')).toBe('新园社区台账（2026年1月1日至2026年12月31日）')
  })
})
