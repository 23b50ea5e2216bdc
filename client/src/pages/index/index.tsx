import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import PersonaPicker from '../../components/persona-picker'
import { useStores } from '../../stores'
import { ConnectionCard } from './connection-card'
import { usePing } from './use-ping'
import './index.scss'

/** The three ways a resident can place an order (点单). */
const ORDER_KINDS = [
  { key: 'service', title: '服务', hint: '上门帮忙、代办、陪伴' },
  { key: 'wish', title: '微心愿', hint: '说出您的小心愿' },
  { key: 'snapshot', title: '随手拍', hint: '拍下身边的问题' },
] as const

function comingSoon() {
  void Taro.showToast({ title: '即将开放', icon: 'none' })
}

function IndexPage() {
  const { session } = useStores()
  const { state, retry } = usePing(session.openid)

  return (
    <View className="home">
      <View className="home__header">
        <Text className="home__title">红邻</Text>
        <Text className="home__subtitle">党建引领 · 社区服务</Text>
      </View>

      {process.env.TARO_ENV === 'h5' && <PersonaPicker />}

      <View className="home__tiles">
        {ORDER_KINDS.map((kind) => (
          <View key={kind.key} className={`home-tile home-tile--${kind.key}`} onClick={comingSoon}>
            <Text className="home-tile__title">{kind.title}</Text>
            <Text className="home-tile__hint">{kind.hint}</Text>
          </View>
        ))}
      </View>

      <ConnectionCard state={state} onRetry={retry} />
    </View>
  )
}

export default observer(IndexPage)
