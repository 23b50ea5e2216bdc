import { View, Text } from '@tarojs/components'
import DemandCard from '../../../components/demand-card'
import PageState from '../../../components/page-state'
import { useRequest } from '../../../hooks/use-request'
import { api } from '../../../services/api'

/** The demands behind a hotspot, each opening the demand page. */
export default function HotspotDemands({ ids }: { ids: readonly string[] }) {
  const req = useRequest(() => Promise.all(ids.map((id) => api('demand', 'get', { id }))), [ids.join(',')])
  return (
    <View className="hotspot__demands">
      <PageState loading={req.loading} error={req.error} onRetry={req.reload} hasData={!!req.data} empty={ids.length === 0}>
        {req.data?.map((d) => (
          <DemandCard key={d._id} demand={d} />
        ))}
      </PageState>
      {req.data && req.data.length < ids.length && <Text className="hint">另有 {ids.length - req.data.length} 件未显示</Text>}
    </View>
  )
}
