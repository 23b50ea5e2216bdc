import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Audience, TimelineEntry } from '@honglin/shared'
import { entryStatusText, formatTime, timelineTitle } from '../../logic/demand-view'
import { fileUrl } from '../../services/upload'

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
            {e.photos && e.photos.length > 0 && (
              <View className="photos">
                {e.photos.map((p) => (
                  <Image
                    key={p}
                    className="photos__img"
                    src={fileUrl(p)}
                    mode="aspectFill"
                    onClick={() => void Taro.previewImage({ urls: e.photos!.map(fileUrl), current: fileUrl(p) })}
                  />
                ))}
              </View>
            )}
          </View>
        </View>
      ))}
    </View>
  )
}
