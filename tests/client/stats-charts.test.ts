import { base64Ascii, niceMax, pointsOf, trendSvg } from '../../client/src/packages/stats/charts/geometry'

test('the value axis tops out at 1, 2 or 5 times a power of ten', () => {
  expect([0, 1, 3, 7, 10, 11, 48, 120, 501].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 50, 200, 1000])
})

test('points spread left to right and the largest value reaches the top of the scale', () => {
  const pts = pointsOf([0, 5, 10], 10)
  expect(pts.map(([x]) => x)).toEqual([12, 300, 588])
  expect(pts[0]![1]).toBe(228)
  expect(pts[2]![1]).toBe(12)
  expect(pointsOf([4], 10)[0]![0]).toBe(300)
})

test('the picture has one line per series and no text, and encodes as the browser does', () => {
  const svg = trendSvg(
    [
      { color: '#c8161d', values: [1, 2, 3] },
      { color: '#1b7f3b', values: [0, 1, 1] },
    ],
    5,
  )
  expect(svg.match(/<polyline/g)).toHaveLength(2)
  expect(svg).not.toContain('<text')
  expect(base64Ascii(svg)).toBe(Buffer.from(svg, 'ascii').toString('base64'))
  for (const s of ['a', 'ab', 'abc', 'abcd']) expect(base64Ascii(s)).toBe(Buffer.from(s).toString('base64'))
})
