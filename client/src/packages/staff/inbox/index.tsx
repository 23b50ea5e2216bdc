import { useState } from 'react'
import { Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { DemandKindLabels, DemandKinds } from '@honglin/shared'
import ActionBar from '../../../components/action-bar'
import Chips from '../../../components/chips'
import CommunityPicker, { rememberedCommunity } from '../../../components/community-picker'
import DemandList, { LIST_PAGE, SearchBox, useDemandList } from '../../../components/demand-list'
import Screen from '../../../components/screen'
import StatusTabs from '../../../components/status-tabs'
import { TRIAGE_TABS } from '../../../logic/demand-view'
import { api } from '../../../services/api'
import { useStores } from '../../../stores'

const KIND_OPTIONS = [{ value: '', label: '全部类型' }, ...DemandKinds.map((k) => ({ value: k, label: DemandKindLabels[k] }))]

/**
 * 受理台: the community's items, overdue first and marked, urgent next; search by title,
 * address or phone; accept, reject, merge, dispatch, close.
 */
function TriagePage() {
  const { session } = useStores()
  const [tab, setTab] = useState('submitted')
  const [kind, setKind] = useState('')
  const [q, setQ] = useState('')
  const t = TRIAGE_TABS.find((x) => x.key === tab)!
  const ownCommunity = session.grants.find((g) => g.role === 'community_staff')?.communityId
  // Admins and street staff choose the community they look at ('' : all of a street's).
  const [chosen, setChosen] = useState(() => rememberedCommunity(session.openid))
  const communityId = ownCommunity ?? (chosen || undefined)
  const mustChoose = !ownCommunity && !chosen && session.has('admin') && !session.has('street_staff')
  const req = useDemandList(
    async (cursor) =>
      mustChoose
        ? { items: [], hasMore: false }
        : api('dispatch', 'inbox', {
            status: t.status,
            overdue: t.overdue,
            kind: (kind || undefined) as never,
            communityId: ownCommunity ? undefined : communityId,
            ...(q ? { q } : {}),
            ...(cursor ? { cursor } : {}),
            page: { limit: LIST_PAGE },
          }),
    [tab, kind, q, chosen],
    communityId,
  )
  const late = req.items.filter((d) => d.late || d.overdue).length
  return (
    <Screen>
      {!ownCommunity && <CommunityPicker value={chosen} onChange={setChosen} />}
      <StatusTabs tabs={TRIAGE_TABS} active={tab} onChange={setTab} />
      <Chips className="chips--compact" options={KIND_OPTIONS} value={kind} onChange={setKind} />
      <SearchBox placeholder="搜索标题、地址或电话" value={q} onSearch={setQ} />
      {late > 0 && <Text className="form-failure">有 {late} 件逾期，已排在最前</Text>}
      <DemandList
        req={req}
        showWork
        emptyText={mustChoose ? '请先在上面选择要查看的社区' : '这里没有需要处理的点单'}
        actions={(d) => (
          <ActionBar demandId={d._id} demandTitle={d.title} available={d.availableActions} compact onDone={() => req.reload()} />
        )}
      />
    </Screen>
  )
}

export default observer(TriagePage)
