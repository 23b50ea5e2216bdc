import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import PageState, { stateOf } from '../../../components/page-state'
import ProjectCard from '../../../components/project-card'
import Screen from '../../../components/screen'
import { usePagedList } from '../../../hooks/use-paged-list'
import { ProjectPaths, reviewStateOf } from '../../../logic/project'
import { api } from '../../../services/api'
import { useStores } from '../../../stores'
import '../project.scss'

/** 我的评审: the projects a 大党委 member reviews, each with where the member stands. */
function ReviewsPage() {
  const { session } = useStores()
  const list = usePagedList(
    (cursor) => api('project', 'myReviews', { ...(cursor ? { cursor } : {}), page: { limit: 20 } }),
    [session.openid],
    {
      enabled: session.ready,
    },
  )
  const waiting = list.items.filter((p) => reviewStateOf(p)?.tone === 'pending').length
  return (
    <Screen>
      <PageState {...stateOf(session, list)} empty={list.items.length === 0} emptyText="目前没有需要您评审的项目">
        {waiting > 0 && <Text className="form-failure">有 {waiting} 个项目待您评分</Text>}
        {list.items.map((p) => {
          const state = reviewStateOf(p)
          return (
            <ProjectCard key={p._id} project={p}>
              {state && <Text className={`review-state review-state--${state.tone}`}>{state.label}</Text>}
              {state && <Text className="hint">{state.hint}</Text>}
              {(p.availableActions.includes('score') || p.availableActions.includes('declareConflict')) && (
                <Button
                  className="reward-card__btn"
                  size="large"
                  type={state?.tone === 'pending' ? 'primary' : 'default'}
                  onClick={() => void Taro.navigateTo({ url: ProjectPaths.score(p._id) })}
                >
                  {p.availableActions.includes('score') ? '评分' : '申报回避'}
                </Button>
              )}
            </ProjectCard>
          )
        })}
        {list.canLoadMore && (
          <View className="bottom-bar">
            <Button block fill="outline" disabled={list.loadingMore} onClick={list.loadMore}>
              {list.loadingMore ? '加载中…' : '加载更多'}
            </Button>
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(ReviewsPage)
