import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { fileUrl } from '../../services/upload'

/** A row of photo thumbnails; a tap opens them full screen, starting at the one tapped. */
export default function Photos({ ids }: { ids: string[] | undefined }) {
  if (!ids?.length) return null
  const urls = ids.map(fileUrl)
  return (
    <View className="photos">
      {urls.map((url) => (
        <Image
          key={url}
          className="photos__img"
          src={url}
          mode="aspectFill"
          onClick={() => void Taro.previewImage({ urls, current: url })}
        />
      ))}
    </View>
  )
}
