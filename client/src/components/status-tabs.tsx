import { ScrollView, View, Text } from '@tarojs/components'
import type { StatusTab } from '../logic/demand-view'
import { TAPPABLE } from '../logic/tappable'

/** A row of filter tabs (scrolls sideways on small phones; each tab is reachable by keyboard). */
export default function StatusTabs({ tabs, active, onChange }: { tabs: StatusTab[]; active: string; onChange: (key: string) => void }) {
  return (
    <ScrollView className="tabs" scrollX enableFlex>
      <View className="tabs__row" role="tablist">
        {tabs.map((t) => (
          <View
            key={t.key}
            className={`tabs__tab ${t.key === active ? 'tabs__tab--on' : ''}`}
            {...TAPPABLE}
            role="tab"
            aria-selected={t.key === active}
            onClick={() => onChange(t.key)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
    </ScrollView>
  )
}
