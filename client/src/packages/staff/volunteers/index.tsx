import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { contract } from '@honglin/shared'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import StatusTabs from '../../../components/status-tabs'
import { usePagedList } from '../../../hooks/use-paged-list'
import { formatTime } from '../../../logic/demand-view'
import { api, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'

const TABS = [
  { key: 'pending', label: '待审核' },
  { key: 'verified', label: '已通过' },
  { key: 'rejected', label: '未通过' },
]

/** 志愿者审核: the community's 双报到 registrations. */
function VolunteersPage() {
  const { session, org } = useStores()
  const [tab, setTab] = useState<'pending' | 'verified' | 'rejected'>('pending')
  const [rejecting, setRejecting] = useState<contract.VolunteerApplicant | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const communityId = session.grants.find((g) => g.role === 'community_staff')?.communityId ?? ''
  const req = usePagedList(
    async (cursor?: string) => {
      const res = await api('user', 'volunteers', { communityId, status: tab, ...(cursor ? { cursor } : {}), page: { limit: 50 } })
      if (!cursor) void org.loadGrids(communityId).catch(() => undefined)
      return res
    },
    [session.openid, tab],
    { enabled: session.ready && Boolean(communityId) },
  )
  const { items } = req

  async function verify(a: contract.VolunteerApplicant, approve: boolean) {
    setBusy(true)
    try {
      await api('user', 'verifyVolunteer', { userId: a.userId, approve, reason: approve ? undefined : reason.trim() || undefined })
      void Taro.showToast({ title: approve ? '已通过' : '已退回', icon: 'success' })
      setRejecting(null)
      setReason('')
      req.reload()
    } catch (error) {
      void Taro.showToast({ title: messageOf(error), icon: 'none', duration: 3000 })
    } finally {
      setBusy(false)
    }
  }

  if (session.ready && !communityId) {
    return (
      <Screen>
        <PageState error="只有社区工作人员可以审核志愿者" />
      </Screen>
    )
  }

  return (
    <Screen>
      <StatusTabs tabs={TABS} active={tab} onChange={(k) => setTab(k as typeof tab)} />
      <PageState {...stateOf(session, req)} empty={items.length === 0} emptyText="没有报到申请">
        <View>
          {items.map((a) => (
            <View key={a.userId} className="card">
              <View className="demand-card__top">
                <Text className="demand-card__title">{a.name}</Text>
              </View>
              <View className="demand-card__top">
                {a.volunteer?.isPartyMember && <Text className="tag tag--red">党员</Text>}
                {a.volunteer?.workUnit && <Text className="tag tag--plain">{a.volunteer.workUnit}</Text>}
              </View>
              <Text className="demand-card__meta">电话：{a.phone ?? '未填写'}</Text>
              <Text className="demand-card__meta">技能：{a.volunteer?.skills.join('、') || '未填写'}</Text>
              <Text className="demand-card__meta">
                网格：{org.nameOf(a.volunteer?.gridId) ?? '未选择'} · 申请于{' '}
                {a.volunteer ? formatTime(a.volunteer.appliedAt, Date.now()) : ''}
              </Text>
              {a.volunteer?.reason && <Text className="demand-card__reason">原因：{a.volunteer.reason}</Text>}
              {tab === 'pending' && (
                <View className="action-bar">
                  <Button className="action-bar__btn" type="primary" size="large" disabled={busy} onClick={() => void verify(a, true)}>
                    通过
                  </Button>
                  <Button
                    className="action-bar__btn"
                    type="primary"
                    fill="outline"
                    size="large"
                    disabled={busy}
                    onClick={() => setRejecting(a)}
                  >
                    不通过
                  </Button>
                </View>
              )}
            </View>
          ))}
          {req.moreError && <Text className="form-failure">{req.moreError}</Text>}
          {req.canLoadMore && (
            <Button block fill="outline" disabled={req.loadingMore} onClick={req.loadMore}>
              {req.loadingMore ? '加载中…' : '加载更多'}
            </Button>
          )}
        </View>
      </PageState>
      {rejecting && (
        <View className="sheet" catchMove>
          <View className="sheet__mask" onClick={() => setRejecting(null)} />
          <View className="sheet__panel">
            <Text className="sheet__title">不通过 {rejecting.name} 的报到</Text>
            <Textarea
              className="textarea"
              value={reason}
              placeholder="原因（可不填）"
              maxlength={200}
              onInput={(e) => setReason(e.detail.value)}
            />
            <View className="sheet__buttons">
              <Button className="sheet__btn" size="large" fill="outline" onClick={() => setRejecting(null)}>
                取消
              </Button>
              <Button className="sheet__btn" type="primary" size="large" disabled={busy} onClick={() => void verify(rejecting, false)}>
                提交
              </Button>
            </View>
          </View>
        </View>
      )}
    </Screen>
  )
}

export default observer(VolunteersPage)
