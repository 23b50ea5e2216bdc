import { View, Text } from '@tarojs/components'
import { TAPPABLE } from '../../../logic/tappable'
import { NONE } from './format'

interface Props {
  label: string
  value: string
  unit: string
  /** A second line: the sample behind a rate, the p90 beside a median. */
  note?: string
  warn?: boolean
  onTap: () => void
}

/** One headline figure; tapping it opens its 口径 (how it is counted). */
export default function Figure({ label, value, unit, note, warn, onTap }: Props) {
  return (
    <View
      className={`figure ${warn ? 'figure--warn' : ''}`}
      {...TAPPABLE}
      aria-label={`${label} ${value}${unit}，查看口径`}
      onClick={onTap}
    >
      <Text className="figure__label">{label}</Text>
      <View className="figure__number">
        <Text className="figure__value">{value}</Text>
        {value !== NONE && <Text className="figure__unit">{unit}</Text>}
      </View>
      {note && <Text className="figure__note">{note}</Text>}
      <Text className="figure__why">口径 ›</Text>
    </View>
  )
}
