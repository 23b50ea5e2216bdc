import { useState } from 'react'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { Categories } from '@honglin/shared'
import ActionBar from '../../../components/action-bar'
import DemandList, { LIST_PAGE, useDemandList } from '../../../components/demand-list'
import Screen from '../../../components/screen'
import StatusTabs from '../../../components/status-tabs'
import { Paths } from '../../../logic/roles'
import { api } from '../../../services/api'

const CATEGORY_TABS = [{ key: '', label: '全部' }, ...Categories.map((c) => ({ key: c.id, label: c.label }))]

/** 任务大厅: open items of my community, by category; 认领 takes one. */
function HallPage() {
  const [category, setCategory] = useState('')
  const req = useDemandList(
    (cursor) => api('task', 'hall', { category: category || undefined, ...(cursor ? { cursor } : {}), page: { limit: LIST_PAGE } }),
    [category],
  )
  return (
    <Screen>
      <StatusTabs tabs={CATEGORY_TABS} active={category} onChange={setCategory} />
      <DemandList
        req={req}
        showWork
        emptyText="暂时没有待认领的任务"
        actions={(d) => (
          <ActionBar
            demandId={d._id}
            available={d.availableActions}
            demandTitle={d.title}
            only={['claim']}
            compact
            onDone={() => {
              req.reload()
              void Taro.navigateTo({ url: Paths.demand(d._id) })
            }}
          />
        )}
      />
    </Screen>
  )
}

export default observer(HallPage)
