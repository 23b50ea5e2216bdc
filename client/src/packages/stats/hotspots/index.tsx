import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { contract, type Hotspot, type HotspotKind } from '@honglin/shared'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { canPromote, promoteRequestId } from '../../../logic/stats'
import { TAPPABLE } from '../../../logic/tappable'
import { stats } from '../parts/stats-api'
import { useStores } from '../../../stores'
import { lastDays, rangeLabel, type DayRange } from '../parts/range'
import { scopeFromQuery, type StatsScope } from '../parts/scope'
import HotspotDemands from './demands'
import PromoteHotspot from './promote'
import '../stats.scss'

const KIND_TEXT: Record<HotspotKind, { tag: string; tone: string }> = {
  surge: { tag: '明显增多', tone: 'red' },
  address: { tag: '同一地点反复反映', tone: 'orange' },
  similar: { tag: '相似问题', tone: 'blue' },
}

/** A hotspot the same across reloads of the page (its place in the list may move). */
const keyOf = (h: Hotspot) => `${h.kind}|${h.periodKey ?? ''}|${h.title}`

/**
 * 高频问题: what comes up again and again in a place and period, with the demands behind it;
 * the community's staff turn one into a need on the 需求清单.
 */
function HotspotsPage() {
  const { session } = useStores()
  const [scope, setScope] = useState<StatsScope | undefined>()
  const [range, setRange] = useState<DayRange | undefined>()
  const [open, setOpen] = useState<number | null>(null)
  const [promoted, setPromoted] = useState<Record<string, string>>({})
  useLoad((q: Record<string, string | undefined>) => {
    setScope(scopeFromQuery(q))
    // Hotspots look at most a quarter back: a longer period is cut to its last days.
    if (q.from && q.to) setRange(lastDays({ from: q.from, to: q.to }, contract.STATS_MAX_DAYS.hotspots))
  })
  const req = useRequest(() => stats.hotspots({ ...scope, ...range! }), [JSON.stringify(scope), range?.from, range?.to], {
    enabled: session.ready && !!range,
  })
  const answer = req.data
  return (
    <Screen className="stats-page">
      {answer && (
        <View className="card">
          <Text className="chart-card__title">
            {answer.scope.name} · {rangeLabel(answer)}
          </Text>
          <Text className="hint">
            {answer.similar.complete ? '已比对本期全部点单的文字' : `相似问题只比对了本期最新的 ${answer.similar.scanned} 件点单`}
          </Text>
        </View>
      )}
      <PageState {...stateOf(session, req)} empty={answer?.items.length === 0} emptyText="本期没有发现高频问题">
        <View className="stats-list">
          {answer?.items.map((h: Hotspot, i) => (
            <View key={i} className="card hotspot">
              <View className="hotspot__head" {...TAPPABLE} aria-expanded={open === i} onClick={() => setOpen(open === i ? null : i)}>
                <View className="hotspot__tags">
                  <Text className={`tag tag--${KIND_TEXT[h.kind].tone}`}>{KIND_TEXT[h.kind].tag}</Text>
                </View>
                <Text className="hotspot__title">{h.title}</Text>
                <Text className="hint">
                  {h.count} 件{h.baseline !== undefined ? `，此前每周平均 ${Math.round(h.baseline * 10) / 10} 件` : ''}
                </Text>
                <Text className="hotspot__more">{open === i ? '收起' : `查看这 ${h.demandIds.length} 件点单 ›`}</Text>
              </View>
              {h.communityId && canPromote(h, session.grants) && (
                <PromoteHotspot
                  hotspot={{ ...h, communityId: h.communityId }}
                  requestId={promoteRequestId(h)}
                  needId={promoted[keyOf(h)]}
                  onPromoted={(id) => setPromoted((p) => ({ ...p, [keyOf(h)]: id }))}
                />
              )}
              {open === i && <HotspotDemands ids={h.demandIds} />}
            </View>
          ))}
        </View>
      </PageState>
    </Screen>
  )
}

export default observer(HotspotsPage)
