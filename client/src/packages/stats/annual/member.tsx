import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { MemberYear } from '@honglin/shared'
import { num, percentText } from '../parts/format'

const TONE = { outstanding: 'red', qualified: 'green', improve: 'grey' } as const

interface Props {
  member: MemberYear
  /** Their letter is made and can be downloaded. */
  made: boolean
  working: boolean
  failure?: string
  onMake: () => void
  onOpen: () => void
}

/** A member's year: figures, the community's evaluation and why, and the letter to the work unit. */
export default function MemberCard({ member: m, made, working, failure, onMake, onOpen }: Props) {
  const outstanding = m.evaluation.level === 'outstanding'
  return (
    <View className="card member-row">
      <View className="ledger-row__top">
        <Text className="ledger-row__title">
          {m.name}
          {m.workUnit ? ` · ${m.workUnit}` : ''}
        </Text>
        <Text className={`tag tag--${TONE[m.evaluation.level]}`}>{m.evaluation.label}</Text>
      </View>
      <View className="member-row__numbers">
        <Text>服务 {m.hours} 小时</Text>
        <Text>办结 {m.items} 项</Text>
        <Text>积分 {m.points}</Text>
        <Text>
          评价 {m.rated} 次 · 平均 {num(m.averageStars)} 星 · 满意 {percentText(m.goodShare)}
        </Text>
      </View>
      {m.evaluation.short.length > 0 && <Text className="hint">未达上一档：{m.evaluation.short.join('；')}</Text>}
      {m.comments.slice(0, 2).map((c, i) => (
        <Text key={i} className="hint">
          “{c}”
        </Text>
      ))}
      <View className="member-row__buttons">
        {made ? (
          <Button type="primary" size="small" onClick={onOpen}>
            {outstanding ? '下载反馈函与喜报' : '下载反馈函'}
          </Button>
        ) : (
          <Button fill="outline" type="primary" size="small" disabled={working} onClick={onMake}>
            {working ? '生成中…' : outstanding ? '生成反馈函与喜报' : '生成反馈函'}
          </Button>
        )}
      </View>
      {failure && <Text className="form-failure">{failure}</Text>}
    </View>
  )
}
