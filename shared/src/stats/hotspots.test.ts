import { clustersOf, surgesOf } from './hotspots'

describe('surges: a cell of the week at least 3 and at least twice its mean of the 8 weeks before', () => {
  const weeks = (counts: number[]) => new Map(counts.map((n, i) => [`w${i}`, { 'gc~g1~rubbish': { received: n } }]))
  const history = ['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7']

  test('3 after eight quiet weeks is a surge; 2 is not', () => {
    expect(surgesOf(['w8'], history, weeks([0, 0, 0, 0, 0, 0, 0, 0, 3]), 'gc~')).toEqual([
      { dim: 'gc~g1~rubbish', week: 'w8', count: 3, baseline: 0 },
    ])
    expect(surgesOf(['w8'], history, weeks([0, 0, 0, 0, 0, 0, 0, 0, 2]), 'gc~')).toEqual([])
  })
  test('a usually busy cell needs twice its mean', () => {
    expect(surgesOf(['w8'], history, weeks([4, 4, 4, 4, 4, 4, 4, 4, 7]), 'gc~')).toEqual([])
    expect(surgesOf(['w8'], history, weeks([4, 4, 4, 4, 4, 4, 4, 4, 8]), 'gc~')).toHaveLength(1)
  })
  test('weeks of the period count as baseline for the later ones (16 then 3: the mean is 2, 3 < 4)', () => {
    const cells = weeks([0, 0, 0, 0, 0, 0, 0, 0, 16, 3])
    expect(surgesOf(['w8', 'w9'], history, cells, 'gc~').map((s) => s.week)).toEqual(['w8'])
  })
})

describe('similar titles', () => {
  const d = (id: string, title: string, category = 'street_light', createdAt = 0) => ({ _id: id, title, category, createdAt })
  test('three alike titles of one category make a cluster; other categories and other words do not join', () => {
    const clusters = clustersOf([
      d('1', '3号楼路灯不亮', 'street_light', 3),
      d('2', '3号楼 路灯不亮了', 'street_light', 2),
      d('3', '三号楼路灯不亮', 'street_light', 1),
      d('4', '3号楼路灯不亮', 'rubbish', 4),
      d('5', '垃圾没人清运', 'street_light', 5),
    ])
    expect(clusters.map((c) => c.map((x) => x._id))).toEqual([['1', '2', '3']])
  })
})
