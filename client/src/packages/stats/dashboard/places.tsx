import { View, Text } from '@tarojs/components'
import type { BreakdownFigures } from '@honglin/shared'
import { TAPPABLE } from '../../../logic/tappable'
import { num, percentText } from '../parts/format'

interface Props {
  rows: readonly BreakdownFigures[]
  minSample: number
  onOpen: (row: BreakdownFigures) => void
}

/**
 * Communities of a street (or grids of a community) side by side, ranked by resolution rate;
 * a place with fewer than `minSample` demands behind its rate is shown but not ranked.
 */
export default function Places({ rows, minSample, onOpen }: Props) {
  return (
    <View className="places">
      {rows.map((r) => (
        <View
          key={r.key}
          className={`rank-row places__row ${r.sampleOk ? '' : 'rank-row--small'}`}
          {...TAPPABLE}
          aria-label={`${r.label}，查看详情`}
          onClick={() => onOpen(r)}
        >
          <Text className="rank-row__rank">{r.rank ?? '–'}</Text>
          <View className="rank-row__text">
            <Text className="rank-row__name">{r.label}</Text>
            <Text className="hint">
              收到 {r.received} · 办结 {r.closed} · 评分 {num(r.averageStars)}
            </Text>
            {!r.sampleOk && <Text className="tag tag--grey places__small">样本不足（少于 {minSample} 件，不参与排名）</Text>}
          </View>
          <View className="places__rate">
            <Text className="rank-row__value">{percentText(r.resolutionRate)}</Text>
            <Text className="hint">解决率</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
