import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { MetricDefinitions, MIN_SAMPLE } from '@honglin/shared'
import Screen from '../../../components/screen'
import { UNIT_TEXT } from '../parts/format'
import '../stats.scss'

/**
 * 口径说明: how every figure is counted, as written once in the shared metric definitions (the
 * functions compute from the same module). Opened from a figure, that one is marked and
 * scrolled to.
 */
export default function DefinitionsPage() {
  const [metric, setMetric] = useState('')
  useLoad((q: Record<string, string | undefined>) => {
    const wanted = q.metric ?? ''
    setMetric(wanted)
    if (wanted) setTimeout(() => void Taro.pageScrollTo({ selector: `#metric-${wanted}`, duration: 0 }), 300)
  })
  return (
    <Screen className="stats-page">
      <Text className="hint">
        日期均按北京时间计，统计期含起止两天。排名只比较样本不少于 {MIN_SAMPLE}{' '}
        件的社区或网格，样本不足的照常显示、标“样本不足”，不参与排名。
      </Text>
      <View className="stats-list">
        {MetricDefinitions.map((m) => (
          <View key={m.name} id={`metric-${m.name}`} className={`card definition ${m.name === metric ? 'definition--on' : ''}`}>
            <Text className="definition__name">
              {m.label}（{UNIT_TEXT[m.unit]}）
            </Text>
            <Text className="definition__text">{m.definition}</Text>
            <Text className="hint">计算：{m.formula}</Text>
          </View>
        ))}
      </View>
    </Screen>
  )
}
