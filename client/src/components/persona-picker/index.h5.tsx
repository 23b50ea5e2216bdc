import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { ActionSheet, Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { PERSONAS, useStores } from '../../stores'
import './index.scss'

/** H5 only: choose which demo persona (and so which OPENID) calls the cloud functions. */
function PersonaPicker() {
  const { session } = useStores()
  const [open, setOpen] = useState(false)

  const options = PERSONAS.map((persona) => ({
    name: persona.openid === session.openid ? `${persona.label}（当前）` : persona.label,
    description: persona.openid,
    openid: persona.openid,
  }))

  return (
    <View className="persona-picker">
      <View className="persona-picker__current">
        <Text className="persona-picker__label">当前身份</Text>
        <Text className="persona-picker__name">{session.persona?.label ?? session.openid}</Text>
      </View>
      <Button className="persona-picker__switch" type="primary" fill="outline" size="large" onClick={() => setOpen(true)}>
        切换身份
      </Button>
      <ActionSheet
        className="persona-picker__sheet"
        visible={open}
        title="选择演示身份"
        options={options}
        cancelText="取消"
        onSelect={(item) => {
          setOpen(false)
          session.switchPersona(String(item.openid))
        }}
        onCancel={() => setOpen(false)}
        onClose={() => setOpen(false)}
      />
    </View>
  )
}

export default observer(PersonaPicker)
