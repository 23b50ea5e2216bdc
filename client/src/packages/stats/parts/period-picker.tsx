import { View, Text, Picker } from '@tarojs/components'
import Chips from '../../../components/chips'
import { customRange, PERIOD_OPTIONS, rangeLabel, type DayRange, type PeriodKey } from './range'

interface Props {
  period: PeriodKey
  range: DayRange
  onPeriod: (period: PeriodKey) => void
  onRange: (range: DayRange) => void
}

/** 本周 / 本月 / 本年 / 自定义; 自定义 shows two day pickers. */
export default function PeriodPicker({ period, range, onPeriod, onRange }: Props) {
  return (
    <View className="period-picker">
      <Chips className="chips--compact" options={PERIOD_OPTIONS} value={period} onChange={(v) => onPeriod(v as PeriodKey)} />
      {period === 'custom' ? (
        <View className="period-picker__days">
          <Picker mode="date" value={range.from} onChange={(e) => onRange(customRange(String(e.detail.value), range.to))}>
            <Text className="period-picker__day" aria-label="开始日期">
              {range.from}
            </Text>
          </Picker>
          <Text>至</Text>
          <Picker mode="date" value={range.to} onChange={(e) => onRange(customRange(range.from, String(e.detail.value)))}>
            <Text className="period-picker__day" aria-label="结束日期">
              {range.to}
            </Text>
          </Picker>
        </View>
      ) : (
        <Text className="hint period-picker__label">{rangeLabel(range)}</Text>
      )}
    </View>
  )
}
