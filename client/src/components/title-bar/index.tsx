import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Paths } from '../../logic/roles'
import { TAPPABLE } from '../../logic/tappable'

const TAB_ROUTES = ['pages/index/index', 'pages/inbox/index', 'pages/mine/index']

const routeOf = (path: string | undefined) => (path ?? '').split('?')[0]!.replace(/^\//, '')

/**
 * H5 only: a title bar with a way back on every page that is not a tab. The mini-program's
 * own navigation bar does this there, so nothing is drawn. Opened directly (no page behind
 * it), back goes to 首页.
 */
export default function TitleBar() {
  const [title, setTitle] = useState('')
  const path = Taro.getCurrentInstance().router?.path
  const tab = TAB_ROUTES.includes(routeOf(path))
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || tab) return
    // Pages set their title (Taro.setNavigationBarTitle) after they render: follow document.title.
    const read = () => setTitle(document.title)
    read()
    const observer = new MutationObserver(read)
    observer.observe(document.head, { subtree: true, childList: true, characterData: true })
    return () => observer.disconnect()
  }, [tab])
  if (process.env.TARO_ENV !== 'h5' || tab) return null

  function back() {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.switchTab({ url: Paths.home })
  }

  return (
    <View className="title-bar" role="banner">
      <View className="title-bar__back" {...TAPPABLE} aria-label="返回" onClick={back}>
        <Text className="title-bar__arrow">‹</Text>
        <Text>返回</Text>
      </View>
      <View className="title-bar__title" role="heading" aria-level={1}>
        {title}
      </View>
    </View>
  )
}
