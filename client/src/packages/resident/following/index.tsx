import { Text } from '@tarojs/components'
import KeyedList from '../../../components/keyed-list'
import Screen from '../../../components/screen'
import { api } from '../../../services/api'

const PAGE = 20

/** 我跟进的问题: other residents' reports of a problem she has too, and where each stands. */
export default function FollowingPage() {
  return (
    <Screen>
      <Text className="hint">这些问题由邻居先反映，您跟进后会收到同样的办理进度。</Text>
      <KeyedList
        load={(cursor) => api('demand', 'listFollowing', { cursor, page: { limit: PAGE } })}
        emptyText="还没有跟进的问题。点单时如果已有人反映同一问题，可以直接跟进。"
      />
    </Screen>
  )
}
