import { useEffect, type PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores'
import TitleBar from '../title-bar'

/**
 * Every page's root: background, padding, the H5 title bar and 长辈模式 (larger type). On H5
 * the tab bar lies outside the page, so 长辈模式 is marked on the document root as well.
 */
function Screen({ children, className = '' }: PropsWithChildren<{ className?: string }>) {
  const { session } = useStores()
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('hl-elder', session.elderMode)
  }, [session.elderMode])
  return (
    <View className={`screen ${session.elderMode ? 'screen--elder' : ''} ${className}`}>
      <TitleBar />
      {children}
    </View>
  )
}

export default observer(Screen)
