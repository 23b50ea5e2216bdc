import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { AnnualLetter, AnnualMember } from '../parts/stats-api'
import { num } from '../parts/format'

const TONE = { outstanding: 'red', qualified: 'green', improve: 'grey' } as const

interface Props {
  member: AnnualMember
  letter?: AnnualLetter
  working: boolean
  failure?: string
  onMake: () => void
  onOpen: () => void
}

/** A member's year: figures, the community's evaluation and why, and the letter to the work unit. */
export default function MemberCard({ member: m, letter, working, failure, onMake, onOpen }: Props) {
  return (
    <View className="card member-row">
      <View className="ledger-row__top">
        <Text className="ledger-row__title">
          {m.name}
          {m.unitName ? ` · ${m.unitName}` : ''}
        </Text>
        <Text className={`tag tag--${TONE[m.evaluation.level]}`}>{m.evaluation.label}</Text>
      </View>
      <View className="member-row__numbers">
        <Text>服务 {m.hours} 小时</Text>
        <Text>办结 {m.items} 项</Text>
        <Text>
          评价 {m.rated} 次 · 平均 {num(m.averageStars)} 星
        </Text>
      </View>
      {m.evaluation.short.length > 0 && <Text className="hint">{m.evaluation.short.join('；')}</Text>}
      {m.comments.slice(0, 2).map((c, i) => (
        <Text key={i} className="hint">
          “{c}”
        </Text>
      ))}
      <View className="member-row__buttons">
        {letter ? (
          <Button type="primary" size="small" onClick={onOpen}>
            {m.evaluation.level === 'outstanding' ? '下载反馈函与喜报' : '下载反馈函'}
          </Button>
        ) : (
          <Button fill="outline" type="primary" size="small" loading={working} onClick={onMake}>
            生成反馈函
          </Button>
        )}
      </View>
      {failure && <Text className="form-failure">{failure}</Text>}
    </View>
  )
}
