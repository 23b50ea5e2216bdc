import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import KeyedList from '../../../components/keyed-list'
import Screen from '../../../components/screen'
import { Paths } from '../../../logic/roles'
import { api } from '../../../services/api'

const PAGE = 20

/** 我代办的点单: what a grid worker ordered for residents, newest first, with where each stands. */
export default function OnBehalfPage() {
  return (
    <Screen>
      <Button
        className="on-behalf__new"
        type="primary"
        fill="outline"
        size="large"
        block
        onClick={() => void Taro.navigateTo({ url: Paths.order('service', true) })}
      >
        再代居民点一单
      </Button>
      <KeyedList
        load={(cursor) => api('demand', 'listOnBehalf', { cursor, page: { limit: PAGE } })}
        emptyText="还没有代居民点过单"
        showWork
        below={(d) => (
          <Text className="demand-card__meta">
            居民：{d.contactName} {d.contactPhone}
          </Text>
        )}
      />
    </Screen>
  )
}
