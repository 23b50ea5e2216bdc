import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Entry } from '../logic/roles'
import { TAPPABLE } from '../logic/tappable'

/** A big tappable link to another page. */
export default function EntryLink({ entry }: { entry: Entry }) {
  return (
    <View className="entry" {...TAPPABLE} onClick={() => void Taro.navigateTo({ url: entry.url })}>
      <View className="entry__text">
        <Text className="entry__title">{entry.title}</Text>
        <Text className="entry__hint">{entry.hint}</Text>
      </View>
      <Text className="entry__arrow">›</Text>
    </View>
  )
}
