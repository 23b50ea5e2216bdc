import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores'

/** Every page's root: background, padding and 长辈模式 (larger type). */
function Screen({ children, className = '' }: PropsWithChildren<{ className?: string }>) {
  const { session } = useStores()
  return <View className={`screen ${session.elderMode ? 'screen--elder' : ''} ${className}`}>{children}</View>
}

export default observer(Screen)
