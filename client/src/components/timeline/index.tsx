import { View, Text } from '@tarojs/components'
import type { Audience, TimelineEntry } from '@honglin/shared'
import { entryStatusText, formatTime, timelineTitle } from '../../logic/demand-view'
import Photos from '../photos'

/** What happened to a demand, newest first, in the words of whoever reads it. */
export default function Timeline({ entries, audience }: { entries: readonly TimelineEntry[]; audience: Audience }) {
  const now = Date.now()
  const list = [...entries].reverse()
  return (
    <View className="timeline">
      {list.map((e, i) => (
        <View key={`${e.at}-${i}`} className={`timeline__item ${i === 0 ? 'timeline__item--latest' : ''}`}>
          <View className="timeline__dot" />
          <View className="timeline__body">
            <View className="timeline__head">
              <Text className="timeline__title">{timelineTitle(e)}</Text>
              <Text className="timeline__status">{entryStatusText(e.to, audience)}</Text>
            </View>
            <Text className="timeline__time">{formatTime(e.at, now)}</Text>
            {e.note && <Text className="timeline__note">{e.note}</Text>}
            {e.hours !== undefined && <Text className="timeline__note">服务时长 {e.hours} 小时</Text>}
            {!e.photos?.length && (e.photoCount ?? 0) > 0 && <Text className="timeline__note">{e.photoCount} 张照片，仅办理人员可见</Text>}
            <Photos ids={e.photos} />
          </View>
        </View>
      ))}
    </View>
  )
}
