import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import type { PingState } from './use-ping'

interface ConnectionCardProps {
  state: PingState
  onRetry: () => void
}

/** 服务连接: shows whether the cloud functions answer, and as whom. */
export function ConnectionCard({ state, onRetry }: ConnectionCardProps) {
  return (
    <View className="connection-card">
      <Text className="connection-card__title">服务连接</Text>
      {state.status === 'loading' && <Text className="connection-card__loading">加载中…</Text>}
      {state.status === 'ok' && (
        <View className="connection-card__body">
          <View className="connection-card__row">
            <Text className="connection-card__status">已连接</Text>
            <Text className="connection-card__openid">{state.data.openid}</Text>
          </View>
          <Text className="connection-card__time">服务器时间：{dayjs(state.data.serverTime).format('YYYY-MM-DD HH:mm:ss')}</Text>
        </View>
      )}
      {state.status === 'error' && (
        <View className="connection-card__body">
          <Text className="connection-card__error">{state.message}</Text>
          <Button className="connection-card__retry" type="primary" size="large" block onClick={onRetry}>
            重试
          </Button>
        </View>
      )}
    </View>
  )
}
