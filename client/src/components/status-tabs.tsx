import { ScrollView, View, Text } from '@tarojs/components'
import type { StatusTab } from '../logic/demand-view'

/** A row of filter tabs (scrolls sideways on small phones). */
export default function StatusTabs({ tabs, active, onChange }: { tabs: StatusTab[]; active: string; onChange: (key: string) => void }) {
  return (
    <ScrollView className="tabs" scrollX enableFlex>
      <View className="tabs__row">
        {tabs.map((t) => (
          <View key={t.key} className={`tabs__tab ${t.key === active ? 'tabs__tab--on' : ''}`} onClick={() => onChange(t.key)}>
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
    </ScrollView>
  )
}
