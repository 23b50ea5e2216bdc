import { useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { BidStatusLabels, NeedStatusLabels, ProjectStatusLabels, type Role } from '@honglin/shared'
import Chips from '../../../components/chips'
import CommunityPicker, { rememberedCommunity } from '../../../components/community-picker'
import Field from '../../../components/field'
import PageState, { stateOf } from '../../../components/page-state'
import ProjectCard from '../../../components/project-card'
import Screen from '../../../components/screen'
import StatusTabs from '../../../components/status-tabs'
import { usePagedList } from '../../../hooks/use-paged-list'
import { useRequest } from '../../../hooks/use-request'
import { byField, LIST_TABS, PROJECT_FILTERS, ProjectPaths, stateOfProject, type ListTab } from '../../../logic/project'
import { TAPPABLE } from '../../../logic/tappable'
import { api, ApiError, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'
import { newRequestId } from '../../../stores/order-form'
import '../project.scss'

/** Which of the three lists a role reads (the server still answers only what it may see). */
function tabsFor(role: Role): ListTab[] {
  if (['community_staff', 'street_staff', 'admin', 'committee_member'].includes(role)) return ['needs', 'resources', 'projects']
  if (role === 'unit_contact') return ['resources', 'projects']
  return ['projects']
}

/** 三项清单: the community's needs, the units' resources and its projects, as tabs. */
function ListsPage() {
  const { session } = useStores()
  const { params } = useRouter()
  const role = session.activeRole
  const tabs = tabsFor(role)
  const [tab, setTab] = useState<ListTab>(() => {
    const asked = params.tab as ListTab | undefined
    return asked && tabs.includes(asked) ? asked : 'projects'
  })
  const own = session.activeGrant?.communityId ?? (role === 'street_staff' || role === 'admin' ? undefined : session.communityId)
  const [chosen, setChosen] = useState(() =>
    params.communityId ? decodeURIComponent(params.communityId) : rememberedCommunity(session.openid),
  )
  const communityId = own ?? (chosen || undefined)
  const staff = role === 'community_staff' || role === 'admin'

  return (
    <Screen className="project-lists">
      {!own && <CommunityPicker value={chosen} onChange={setChosen} />}
      {tabs.length > 1 && (
        <StatusTabs tabs={LIST_TABS.filter((t) => tabs.includes(t.key))} active={tab} onChange={(k) => setTab(k as ListTab)} />
      )}
      {tab === 'projects' && role === 'unit_contact' && <MyBids />}
      {tab === 'projects' && <Projects communityId={communityId} staff={staff} />}
      {tab === 'needs' && <Needs communityId={communityId} staff={staff} />}
      {tab === 'resources' && <Resources communityId={communityId} />}
    </Screen>
  )
}

const Projects = observer(function Projects({ communityId, staff }: { communityId?: string; staff: boolean }) {
  const { session } = useStores()
  const [status, setStatus] = useState('')
  const filters = staff ? [...PROJECT_FILTERS.slice(0, 1), { key: 'draft', label: '草稿' }, ...PROJECT_FILTERS.slice(1)] : PROJECT_FILTERS
  const list = usePagedList(
    (cursor) =>
      api('project', 'list', {
        ...(communityId ? { communityId } : {}),
        ...(status ? { status: status as never } : {}),
        ...(cursor ? { cursor } : {}),
        page: { limit: 20 },
      }),
    [communityId, status, session.openid],
    { enabled: session.ready },
  )
  return (
    <View>
      {staff && communityId && (
        <Button
          className="project-lists__new"
          block
          size="large"
          type="primary"
          onClick={() => void Taro.navigateTo({ url: ProjectPaths.edit({ communityId }) })}
        >
          新建任务书
        </Button>
      )}
      <Chips
        className="chips--compact"
        options={filters.map((f) => ({ value: f.key, label: f.label }))}
        value={status}
        onChange={setStatus}
      />
      <PageState {...stateOf(session, list)} empty={list.items.length === 0} emptyText="这里还没有项目">
        {list.items.map((p) => (
          <ProjectCard key={p._id} project={p} />
        ))}
        <More list={list} />
      </PageState>
    </View>
  )
})

/** 我的揭榜: the unit's bids and where each project stands. */
const MyBids = observer(function MyBids() {
  const { session } = useStores()
  const req = useRequest(() => api('project', 'myBids', { page: { limit: 20 } }), [session.openid], { enabled: session.ready })
  const items = req.data?.items ?? []
  if (!items.length) return null
  return (
    <View className="card">
      <Text className="project-block__title">本单位的揭榜</Text>
      {items.map((b) => (
        <View
          key={b._id}
          className="ranking__row"
          {...TAPPABLE}
          onClick={() => void Taro.navigateTo({ url: ProjectPaths.detail(b.projectId) })}
        >
          <Text className="ranking__name">{b.project.title}</Text>
          <Text className={`tag ${b.status === 'live' ? stateOfProject(b.project.status).tag : 'tag--grey'}`}>
            {b.status === 'live' ? ProjectStatusLabels[b.project.status] : BidStatusLabels[b.status]}
          </Text>
        </View>
      ))}
    </View>
  )
})

function More({ list }: { list: { canLoadMore: boolean; loadingMore: boolean; moreError: string; loadMore: () => void } }) {
  if (!list.canLoadMore && !list.moreError) return null
  return (
    <View className="bottom-bar">
      {list.moreError && <Text className="form-failure">{list.moreError}</Text>}
      <Button block fill="outline" disabled={list.loadingMore} onClick={list.loadMore}>
        {list.loadingMore ? '加载中…' : '加载更多'}
      </Button>
    </View>
  )
}

const Needs = observer(function Needs({ communityId, staff }: { communityId?: string; staff: boolean }) {
  const { session } = useStores()
  const [picked, setPicked] = useState<string[]>([])
  const [adding, setAdding] = useState<{ title: string; detail: string; requestId: string } | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState('')
  const [busy, setBusy] = useState(false)
  const list = usePagedList(
    (cursor) =>
      communityId
        ? api('project', 'needs', { communityId, ...(cursor ? { cursor } : {}), page: { limit: 20 } })
        : Promise.resolve({ items: [], hasMore: false }),
    [communityId, session.openid],
    { enabled: session.ready },
  )
  const pickedNeeds = list.items.filter((n) => picked.includes(n._id))

  async function add() {
    if (!adding || !communityId) return
    setBusy(true)
    setFailure('')
    try {
      await api('project', 'promoteNeed', {
        communityId,
        title: adding.title,
        detail: adding.detail || undefined,
        requestId: adding.requestId,
      })
      setAdding(null)
      list.reload()
    } catch (error) {
      if (error instanceof ApiError) setErrors(byField(error.fields))
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      {staff && communityId && (
        <View className="action-bar">
          <Button
            className="action-bar__btn"
            size="large"
            fill="outline"
            onClick={() => {
              setErrors({})
              setFailure('')
              setAdding({ title: '', detail: '', requestId: newRequestId() })
            }}
          >
            登记需求
          </Button>
          <Button
            className="action-bar__btn"
            size="large"
            type="primary"
            disabled={pickedNeeds.length === 0}
            onClick={() =>
              void Taro.navigateTo({
                url: ProjectPaths.edit({
                  communityId,
                  needIds: pickedNeeds.map((n) => n._id),
                  demandIds: pickedNeeds.flatMap((n) => n.demandIds),
                }),
              })
            }
          >
            {pickedNeeds.length ? `用所选 ${pickedNeeds.length} 条需求立项` : '勾选需求后立项'}
          </Button>
        </View>
      )}
      <PageState
        {...stateOf(session, list)}
        empty={list.items.length === 0}
        emptyText={communityId ? '需求清单还是空的：社区可把群众反复反映的问题登记为需求' : '请先在上面选择社区'}
      >
        {list.items.map((n) => {
          const on = picked.includes(n._id)
          return (
            <View key={n._id} className="card">
              <View className="project-card__head">
                <Text className="project-card__title">{n.title}</Text>
                <Text className={`tag ${n.status === 'open' ? 'tag--orange' : 'tag--grey'} project-card__status`}>
                  {NeedStatusLabels[n.status]}
                </Text>
              </View>
              {n.detail && <Text className="hint">{n.detail}</Text>}
              {n.demandIds.length > 0 && <Text className="project-card__meta">关联 {n.demandIds.length} 条群众点单</Text>}
              {n.projectId && (
                <Text className="add-link" onClick={() => void Taro.navigateTo({ url: ProjectPaths.detail(n.projectId!) })}>
                  查看项目 ›
                </Text>
              )}
              {staff && n.status === 'open' && (
                <View
                  className={`check ${on ? 'check--on' : ''}`}
                  onClick={() => setPicked(on ? picked.filter((x) => x !== n._id) : [...picked, n._id])}
                >
                  <View className="check__box">{on && <Text>✓</Text>}</View>
                  <Text className="check__text">选入新项目</Text>
                </View>
              )}
            </View>
          )
        })}
        <More list={list} />
      </PageState>
      {adding && (
        <View className="sheet" catchMove>
          <View className="sheet__mask" onClick={() => !busy && setAdding(null)} />
          <View className="sheet__panel">
            <Text className="sheet__title">登记需求</Text>
            <Field label="需求名称" required error={errors.title}>
              <Input
                className="input"
                value={adding.title}
                placeholder="如：老旧楼道照明不足"
                onInput={(e) => setAdding({ ...adding, title: e.detail.value })}
              />
            </Field>
            <Field label="需求说明" error={errors.detail}>
              <Textarea
                className="textarea"
                value={adding.detail}
                placeholder="哪里、多少居民反映、持续多久"
                onInput={(e) => setAdding({ ...adding, detail: e.detail.value })}
              />
            </Field>
            {failure && <Text className="form-failure">{failure}</Text>}
            <View className="sheet__buttons">
              <Button className="sheet__btn" size="large" fill="outline" disabled={busy} onClick={() => setAdding(null)}>
                不登记了
              </Button>
              <Button className="sheet__btn" size="large" type="primary" disabled={busy} onClick={() => void add()}>
                {busy ? '提交中…' : '登记到需求清单'}
              </Button>
            </View>
          </View>
        </View>
      )}
    </View>
  )
})

const Resources = observer(function Resources({ communityId }: { communityId?: string }) {
  const { session } = useStores()
  const req = useRequest(() => api('org', 'resources', communityId ? { communityId } : {}), [communityId, session.openid], {
    enabled: session.ready,
  })
  const items = req.data?.items ?? []
  return (
    <PageState {...stateOf(session, req)} empty={items.length === 0} emptyText="还没有共建单位登记资源">
      {items.map((u) => (
        <View key={u.unitId} className="card">
          <View className="project-card__head">
            <Text className="project-card__title">{u.unitName}</Text>
            {u.editable && (
              <Text className="add-link" onClick={() => void Taro.navigateTo({ url: ProjectPaths.resources(u.unitId) })}>
                编辑
              </Text>
            )}
          </View>
          {u.items.length === 0 && <Text className="hint">尚未登记资源</Text>}
          {u.items.map((r) => (
            <View key={r.name} className="kv">
              <Text className="kv__k">{r.name}</Text>
              <Text className="kv__v">{[r.capacity, r.detail].filter(Boolean).join('，') || '—'}</Text>
            </View>
          ))}
        </View>
      ))}
    </PageState>
  )
})

export default observer(ListsPage)
