/**
 * The weapp tab bar (`tabBar.custom`): the native one draws its labels at a fixed 10 px, which
 * 长辈模式 cannot enlarge. Same three tabs; labels and targets grow with 长辈模式, and 消息 carries
 * the unread count (WeChat ignores `setTabBarBadge` once the tab bar is custom). H5 keeps
 * Taro's own tab bar, which follows 长辈模式 through the document root (app.scss).
 */
import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { TAPPABLE } from '../logic/tappable'
import { useStores } from '../stores'
import { INBOX_TAB, TABS, select, selection } from './tabs'
import './index.scss'

function CustomTabBar() {
  const { session, unread } = useStores()
  const elder = session.elderMode
  return (
    <View className={`tab-bar ${elder ? 'tab-bar--elder' : ''}`} role="tablist">
      {TABS.map((tab, index) => {
        const on = index === selection.index
        const badge = index === INBOX_TAB ? unread.text : ''
        return (
          <View
            key={tab.pagePath}
            className={`tab-bar__item ${on ? 'tab-bar__item--on' : ''}`}
            {...TAPPABLE}
            role="tab"
            aria-selected={on}
            aria-label={badge ? `${tab.text}，${badge} 条未读` : tab.text}
            onClick={() => {
              select(index)
              void Taro.switchTab({ url: `/${tab.pagePath}` })
            }}
          >
            <View className="tab-bar__icon-box">
              <Image className="tab-bar__icon" src={on ? tab.selectedIcon : tab.icon} mode="aspectFit" />
              {badge && <Text className="tab-bar__badge">{badge}</Text>}
            </View>
            <Text className="tab-bar__label">{tab.text}</Text>
          </View>
        )
      })}
    </View>
  )
}

// Taro copies a component's `behaviors` into its mini-program definition and defaults it to {},
// where the definition wants a list.
export default Object.assign(observer(CustomTabBar), { behaviors: [] as string[] })
