import { useEffect, type PropsWithChildren } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { contract } from '@honglin/shared'
import { categoryLabel, formatTime, kindLabel, lateness, statusText, statusTone } from '../../logic/demand-view'
import { Paths } from '../../logic/roles'
import { TAPPABLE } from '../../logic/tappable'
import { useStores } from '../../stores'

interface DemandCardProps {
  demand: contract.DemandView & { late?: boolean }
  /** Show the assignee and points (staff, volunteers). */
  showWork?: boolean
}

/** One demand in a list: status, marks (紧急, 逾期), title, category, grid and time; tap opens it. */
function DemandCard({ demand: d, showWork, children }: PropsWithChildren<DemandCardProps>) {
  const { org, session } = useStores()
  const { late, text: lateText } = lateness(d, Date.now())
  const points = d.assignee?.points ?? d.hall?.points
  const gridName = org.nameOf(d.gridId)
  // Street staff and admins see many communities: each card makes sure its grid has a name.
  useEffect(() => {
    if (!gridName && d.communityId) void org.loadGrids(d.communityId).catch(() => undefined)
  }, [gridName, d.communityId, org])
  return (
    <View className={`card demand-card ${late ? 'demand-card--late' : ''}`}>
      <View className="demand-card__main" {...TAPPABLE} onClick={() => void Taro.navigateTo({ url: Paths.demand(d._id) })}>
        <View className="demand-card__top">
          <Text className={`tag tag--${statusTone(d.status)}`}>{statusText(d, session.activeRole)}</Text>
          {late && <Text className="tag tag--late">{lateText}</Text>}
          {d.urgency === 'urgent' && <Text className="tag tag--urgent">紧急</Text>}
          <Text className="demand-card__kind">
            {kindLabel(d.kind)} · {categoryLabel(d.kind, d.category)}
          </Text>
        </View>
        <Text className="demand-card__title">{d.title}</Text>
        <Text className="demand-card__meta">
          {gridName ?? '…'} · {formatTime(d.createdAt, Date.now())}
        </Text>
        {showWork && (d.assignee || points !== undefined) && (
          <Text className="demand-card__meta">
            {d.assignee ? `接单：${d.assignee.name}` : '待认领'}
            {points !== undefined ? ` · ${points} 积分` : ''}
            {d.assignee?.dueAt ? ` · ${formatTime(d.assignee.dueAt, Date.now())}前完成` : ''}
          </Text>
        )}
        {d.rating && (
          <Text className="demand-card__meta">
            居民评价：{'★'.repeat(d.rating.stars)}
            {'☆'.repeat(5 - d.rating.stars)}
            {d.rating.comment ? ` ${d.rating.comment}` : ''}
          </Text>
        )}
        {d.status === 'rejected' && d.rejectReason && <Text className="demand-card__reason">原因：{d.rejectReason}</Text>}
      </View>
      {children}
    </View>
  )
}

export default observer(DemandCard)
