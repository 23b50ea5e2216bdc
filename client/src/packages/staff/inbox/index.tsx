import { useState } from 'react'
import { Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { DemandKindLabels, DemandKinds } from '@honglin/shared'
import ActionBar from '../../../components/action-bar'
import Chips from '../../../components/chips'
import DemandList, { useDemandList } from '../../../components/demand-list'
import Screen from '../../../components/screen'
import StatusTabs from '../../../components/status-tabs'
import { TRIAGE_TABS } from '../../../logic/demand-view'
import { api } from '../../../services/api'
import { useStores } from '../../../stores'

const KIND_OPTIONS = [{ value: '', label: '全部类型' }, ...DemandKinds.map((k) => ({ value: k, label: DemandKindLabels[k] }))]

/** 受理台: the community's items, overdue first and marked; accept, reject, merge, dispatch, close. */
function TriagePage() {
  const { session } = useStores()
  const [tab, setTab] = useState('submitted')
  const [kind, setKind] = useState('')
  const t = TRIAGE_TABS.find((x) => x.key === tab)!
  const communityId = session.grants.find((g) => g.role === 'community_staff')?.communityId
  const req = useDemandList(
    () =>
      api('dispatch', 'inbox', {
        status: t.status,
        overdue: t.overdue,
        kind: (kind || undefined) as never,
        page: { limit: 50 },
      }),
    [tab, kind],
    communityId,
  )
  const late = (req.data?.items ?? []).filter((d) => d.late || d.overdue).length
  return (
    <Screen>
      <StatusTabs tabs={TRIAGE_TABS} active={tab} onChange={setTab} />
      <Chips className="chips--compact" options={KIND_OPTIONS} value={kind} onChange={setKind} />
      {late > 0 && <Text className="form-failure">有 {late} 件逾期，已排在最前</Text>}
      <DemandList
        req={req}
        showWork
        emptyText="这里没有需要处理的点单"
        actions={(d) => (
          <ActionBar demandId={d._id} demandTitle={d.title} available={d.availableActions} compact onDone={() => req.reload()} />
        )}
      />
    </Screen>
  )
}

export default observer(TriagePage)
