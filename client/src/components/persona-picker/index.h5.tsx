import { useState } from 'react'
import { View, Text, ScrollView } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { personasByPlace, useStores } from '../../stores'
import './index.scss'
import { TAPPABLE } from '../../logic/tappable'

/**
 * H5 only: choose which demo persona (and so which OPENID) calls the cloud functions. The
 * list is long (every role in two streets), so it is a sheet that scrolls inside the screen,
 * grouped by place, with a close button that stays in view on the smallest phones.
 */
function PersonaPicker() {
  const { session } = useStores()
  const [open, setOpen] = useState(false)

  const choose = (openid: string) => {
    setOpen(false)
    if (openid !== session.openid) session.switchPersona(openid)
  }

  return (
    <View className="persona-picker">
      <View className="persona-picker__current">
        <Text className="persona-picker__label">当前身份（演示）</Text>
        <Text className="persona-picker__name">{session.persona?.label ?? session.openid}</Text>
      </View>
      <View className="persona-picker__switch" {...TAPPABLE} onClick={() => setOpen(true)}>
        切换身份
      </View>
      {open && (
        <View className="persona-sheet" role="dialog" aria-label="选择演示身份">
          <View className="persona-sheet__mask" onClick={() => setOpen(false)} />
          <View className="persona-sheet__panel">
            <View className="persona-sheet__header">
              <Text className="persona-sheet__title">选择演示身份</Text>
              <View className="persona-sheet__close" {...TAPPABLE} onClick={() => setOpen(false)}>
                关闭
              </View>
            </View>
            <ScrollView className="persona-sheet__list" scrollY>
              {personasByPlace().map(({ place, personas }) => (
                <View key={place} className="persona-sheet__group">
                  <Text className="persona-sheet__place">{place}</Text>
                  {personas.map((p) => (
                    <View
                      key={p.openid}
                      {...TAPPABLE}
                      className={`persona-sheet__item ${p.openid === session.openid ? 'persona-sheet__item--current' : ''}`}
                      onClick={() => choose(p.openid)}
                    >
                      <Text>{p.label}</Text>
                      {p.openid === session.openid && <Text className="persona-sheet__mark">当前</Text>}
                    </View>
                  ))}
                </View>
              ))}
            </ScrollView>
          </View>
        </View>
      )}
    </View>
  )
}

export default observer(PersonaPicker)
