import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { choosePhotos, fileUrl, uploadPhoto, UPLOAD_FAILED } from '../../services/upload'
import { TAPPABLE } from '../../logic/tappable'

interface PhotoPickerProps {
  value: string[]
  onChange: (fileIDs: string[]) => void
  max?: number
  folder?: string
}

/** Photos uploaded to cloud storage as they are chosen; tap × to remove one. */
export default function PhotoPicker({ value, onChange, max = 9, folder = 'demands' }: PhotoPickerProps) {
  const [uploading, setUploading] = useState(0)

  async function add() {
    const paths = await choosePhotos(max - value.length)
    if (!paths.length) return
    setUploading(paths.length)
    const uploaded: string[] = []
    let failed = 0
    for (const p of paths) {
      try {
        uploaded.push(await uploadPhoto(p, folder))
      } catch (error) {
        console.warn('图片上传失败', error)
        failed++
      }
    }
    setUploading(0)
    if (uploaded.length) onChange([...value, ...uploaded].slice(0, max))
    if (failed) void Taro.showToast({ title: UPLOAD_FAILED, icon: 'none' })
  }

  return (
    <View className="photos photos--picker">
      {value.map((id) => (
        <View key={id} className="photos__cell">
          <Image className="photos__img" src={fileUrl(id)} mode="aspectFill" />
          <View className="photos__remove" {...TAPPABLE} aria-label="删除这张照片" onClick={() => onChange(value.filter((x) => x !== id))}>
            <Text>×</Text>
          </View>
        </View>
      ))}
      {uploading > 0 && (
        <View className="photos__add photos__add--busy">
          <Text>上传中…</Text>
        </View>
      )}
      {uploading === 0 && value.length < max && (
        <View className="photos__add" {...TAPPABLE} onClick={() => void add()}>
          <Text className="photos__plus">+</Text>
          <Text>添加照片</Text>
        </View>
      )}
    </View>
  )
}
