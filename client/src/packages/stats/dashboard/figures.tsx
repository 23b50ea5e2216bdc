import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { MetricLabels, type Overview } from '@honglin/shared'
import { StatsPaths } from '../../../logic/stats'
import Figure from '../parts/figure'
import { durationNote, hours, num, percent, UNIT_TEXT } from '../parts/format'

/** The headline figures of an overview, each opening its 口径. */
export default function Figures({ o }: { o: Overview }) {
  const open = (metric: string) => void Taro.navigateTo({ url: StatsPaths.definitions(metric) })
  const small = o.resolution.base > 0 && o.resolution.base < o.minSample
  const figures = [
    { metric: 'received', value: num(o.received), unit: UNIT_TEXT.count, note: `受理 ${o.accepted} · 不予受理 ${o.rejected}` },
    { metric: 'closed', value: num(o.closed), unit: UNIT_TEXT.count, note: `合并 ${o.merged} · 取消 ${o.cancelled}` },
    {
      metric: 'resolutionRate',
      value: percent(o.resolution.rate),
      unit: UNIT_TEXT.percent,
      note: `${o.resolution.resolved} / ${o.resolution.base} 件${small ? ' · 样本不足' : ''}`,
    },
    { metric: 'overdueNow', value: num(o.overdueNow), unit: UNIT_TEXT.count, note: '此刻，不限统计期', warn: o.overdueNow > 0 },
    {
      metric: 'responseHours',
      value: hours(o.responseHours.median, false),
      unit: UNIT_TEXT.hours,
      note: `中位数 · ${durationNote(o.responseHours)}`,
    },
    { metric: 'doneHours', value: hours(o.doneHours.median, false), unit: UNIT_TEXT.hours, note: `中位数 · ${durationNote(o.doneHours)}` },
    { metric: 'averageStars', value: num(o.satisfaction.averageStars), unit: UNIT_TEXT.stars, note: `${o.satisfaction.rated} 条评价` },
    { metric: 'goodShare', value: percent(o.satisfaction.goodShare), unit: UNIT_TEXT.percent, note: '4–5 星所占比例' },
    {
      metric: 'reopenRate',
      value: percent(o.satisfaction.reopenRate),
      unit: UNIT_TEXT.percent,
      note: `${o.reopened} / ${o.completed} 次完成`,
    },
    { metric: 'volunteerHours', value: num(o.volunteer.hours), unit: UNIT_TEXT.hours },
    { metric: 'pointsAwarded', value: num(o.volunteer.points), unit: UNIT_TEXT.points },
  ]
  return (
    <View className="figures">
      {figures.map((f) => (
        <Figure
          key={f.metric}
          label={MetricLabels[f.metric] ?? f.metric}
          value={f.value}
          unit={f.unit}
          note={f.note}
          warn={f.warn}
          onTap={() => open(f.metric)}
        />
      ))}
    </View>
  )
}
