import type { PropsWithChildren } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { RequestState } from '../../hooks/use-request'
import { TAPPABLE } from '../../logic/tappable'

interface PageStateProps {
  loading?: boolean
  error?: string
  empty?: boolean
  emptyText?: string
  onRetry?: () => void
}

/**
 * What a page shows while it waits for login and for its request: `<PageState
 * {...stateOf(session, req)} empty={…}>`. A login problem shows as the page's error.
 */
export function stateOf(
  session: { ready: boolean; error: string },
  req: Pick<RequestState<unknown>, 'loading' | 'error' | 'reload' | 'data'>,
): PageStateProps & { hasData: boolean } {
  return {
    loading: !session.ready || req.loading,
    error: session.error || req.error,
    onRetry: req.reload,
    hasData: req.data !== undefined,
  }
}

/**
 * Loading, error (+重试) and empty states; the children once there is something to show.
 * An error with data already on screen shows above the data instead of replacing it.
 */
export default function PageState({
  loading,
  error,
  empty,
  emptyText = '暂无内容',
  onRetry,
  children,
  hasData,
}: PropsWithChildren<PageStateProps & { hasData?: boolean }>) {
  if (error && !hasData) {
    return (
      <View className="page-state page-state--error">
        <Text className="page-state__icon">!</Text>
        <Text className="page-state__text">{error}</Text>
        {onRetry && (
          <Button className="page-state__retry" type="primary" size="large" onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    )
  }
  if (loading && !hasData) {
    return (
      <View className="page-state page-state--loading">
        <View className="page-state__spinner" />
        <Text className="page-state__text">加载中…</Text>
      </View>
    )
  }
  return (
    <View>
      {error && (
        <View className="page-state__banner" {...TAPPABLE} onClick={onRetry}>
          <Text>{error}，点此重试</Text>
        </View>
      )}
      {empty ? (
        <View className="page-state page-state--empty">
          <Text className="page-state__icon page-state__icon--empty">空</Text>
          <Text className="page-state__text">{emptyText}</Text>
        </View>
      ) : (
        children
      )}
    </View>
  )
}
