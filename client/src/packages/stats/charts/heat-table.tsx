import { ScrollView, View, Text } from '@tarojs/components'

/** Table roles for screen readers on H5 (Taro's types leave `role` out; the mini-program ignores it). */
const aria = (role: string): Record<string, unknown> => ({ role })

interface Props {
  /** What the rows are (网格, 社区). */
  corner: string
  rows: ReadonlyArray<{ key: string; label: string }>
  columns: ReadonlyArray<{ key: string; label: string }>
  /** The number in a cell; missing cells count as 0. */
  value: (row: string, column: string) => number
}

/** Places × category (grids of a community, communities of a street): the darker, the more demands; scrolls sideways on a phone. */
export default function HeatTable({ corner, rows, columns, value }: Props) {
  const max = Math.max(1, ...rows.flatMap((r) => columns.map((c) => value(r.key, c.key))))
  return (
    <ScrollView scrollX className="heat">
      <View className="heat__table" {...aria('table')}>
        <View className="heat__row heat__row--head" {...aria('row')}>
          <Text className="heat__cell heat__cell--head" {...aria('columnheader')}>
            {corner}
          </Text>
          {columns.map((c) => (
            <Text key={c.key} className="heat__cell heat__cell--head" {...aria('columnheader')}>
              {c.label}
            </Text>
          ))}
        </View>
        {rows.map((r) => (
          <View key={r.key} className="heat__row" {...aria('row')}>
            <Text className="heat__cell heat__cell--name" {...aria('rowheader')}>
              {r.label}
            </Text>
            {columns.map((c) => {
              const v = value(r.key, c.key)
              const share = v / max
              return (
                <Text
                  key={c.key}
                  {...aria('cell')}
                  className={`heat__cell ${share > 0.55 ? 'heat__cell--dark' : ''}`}
                  style={{ background: v ? `rgba(200, 22, 29, ${(0.12 + 0.88 * share).toFixed(2)})` : '#faf8f6' }}
                >
                  {v || ''}
                </Text>
              )
            })}
          </View>
        ))}
      </View>
    </ScrollView>
  )
}
