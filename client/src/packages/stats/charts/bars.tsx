import { View, Text } from '@tarojs/components'
import { TAPPABLE } from '../../../logic/tappable'

export interface Bar {
  key: string
  label: string
  value: number
}

interface Props {
  bars: readonly Bar[]
  unit: string
  onTap?: (key: string) => void
}

/** Bars by category as plain boxes: the longest bar fills the row, each with its number. */
export default function Bars({ bars, unit, onTap }: Props) {
  const max = Math.max(1, ...bars.map((b) => b.value))
  return (
    <View className="bars">
      {bars.map((b) => (
        <View key={b.key} className="bars__row" {...(onTap ? TAPPABLE : {})} onClick={onTap ? () => onTap(b.key) : undefined}>
          <Text className="bars__label">{b.label}</Text>
          <View className="bars__track">
            <View className="bars__fill" style={{ width: `${Math.round((b.value / max) * 100)}%` }} />
          </View>
          <Text className="bars__value">
            {b.value}
            <Text className="bars__unit"> {unit}</Text>
          </Text>
        </View>
      ))}
    </View>
  )
}
