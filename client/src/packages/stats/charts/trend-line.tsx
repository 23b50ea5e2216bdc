import { View, Text, Image } from '@tarojs/components'
import { niceMax, svgDataUrl, trendSvg, type Series } from './geometry'

interface Props {
  /** One label per point (a day, a week, a month). */
  labels: readonly string[]
  series: ReadonlyArray<Series & { name: string }>
  unit: string
}

/** A trend line with its scale, first / middle / last labels and a legend. */
export default function TrendLine({ labels, series, unit }: Props) {
  const top = niceMax(Math.max(0, ...series.flatMap((s) => s.values)))
  const shown = labels.length <= 2 ? labels : [labels[0]!, labels[Math.floor((labels.length - 1) / 2)]!, labels[labels.length - 1]!]
  const summary = series.map((s) => `${s.name}合计 ${s.values.reduce((a, b) => a + b, 0)} ${unit}`).join('，')
  return (
    <View className="trend" aria-label={`趋势：${summary}`}>
      <View className="trend__plot">
        <Text className="trend__top">
          {top} {unit}
        </Text>
        <Image className="trend__image" mode="scaleToFill" src={svgDataUrl(trendSvg(series, top))} />
      </View>
      <View className="trend__axis">
        {shown.map((l, i) => (
          <Text key={i}>{l}</Text>
        ))}
      </View>
      <View className="trend__legend">
        {series.map((s) => (
          <View key={s.name} className="trend__key">
            <View className="trend__swatch" style={{ background: s.color }} />
            <Text>{s.name}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
