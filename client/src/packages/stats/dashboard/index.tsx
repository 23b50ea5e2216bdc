import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { BreakdownFigures } from '@honglin/shared'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { Paths } from '../../../logic/roles'
import { heatRows, StatsPaths } from '../../../logic/stats'
import { TAPPABLE } from '../../../logic/tappable'
import { api } from '../../../services/api'
import { stats } from '../parts/stats-api'
import { useStores } from '../../../stores'
import Bars from '../charts/bars'
import HeatTable from '../charts/heat-table'
import TrendLine from '../charts/trend-line'
import { percent } from '../parts/format'
import PeriodPicker from '../parts/period-picker'
import { rangeOf, stepFor, type DayRange, type PeriodKey } from '../parts/range'
import { homeScope, scopeOf, scopeQuery } from '../parts/scope'
import ScopePicker, { type Crumb } from '../parts/scope-picker'
import Figures from './figures'
import Places from './places'
import '../stats.scss'

const MAX_HEAT_ROWS = 30

/** 数据看板: the figures of a place and period, its trend, categories, places side by side. */
function DashboardPage() {
  const { session } = useStores()
  const [path, setPath] = useState<Crumb[]>([])
  const [period, setPeriod] = useState<PeriodKey>('month')
  const [range, setRange] = useState<DayRange>(() => rangeOf('month', Date.now()))
  const admin = session.activeRole === 'admin'

  const streets = useRequest(() => api('org', 'streets', {}), [session.openid], { enabled: session.ready && admin })
  useEffect(() => {
    if (!session.ready) return
    const home = homeScope(session.activeRole, session.grants)
    if (home) setPath([{ ...home, name: '' }])
    else if (admin && streets.data?.items[0])
      setPath([{ level: 'street', id: streets.data.items[0]._id, name: streets.data.items[0].name }])
  }, [session.ready, session.activeRole, session.grants, admin, streets.data])

  const here = path[path.length - 1]
  const scope = here ? scopeOf(here) : undefined
  const key = here ? `${here.level}:${here.id}` : ''
  const overview = useRequest(() => stats.overview({ ...scope, ...range }), [key, range.from, range.to], {
    enabled: session.ready && !!scope,
  })
  const step = stepFor(range)
  const trend = useRequest(() => stats.trend({ ...scope, ...range, period: step }), [key, range.from, range.to], {
    enabled: session.ready && !!scope,
  })
  const o = overview.data
  // The crumb learns its name from the answer (the home place starts nameless).
  useEffect(() => {
    if (o && here && !here.name) setPath((p) => p.map((c, i) => (i === p.length - 1 ? { ...c, name: o.scope.name } : c)))
  }, [o, here])

  const places = o?.byPlace ?? []
  // The whole table in one call, alongside the overview; a grid has no places below it.
  const heat = useRequest(() => stats.heat({ ...scope, ...range }), [key, range.from, range.to], {
    enabled: session.ready && !!scope && here?.level !== 'grid',
  })
  // While another place's table is on its way, the last one is not shown under the new name.
  const h =
    heat.data && here && heat.data.scope.id === here.id && heat.data.from === range.from && heat.data.to === range.to
      ? heat.data
      : undefined

  function choosePeriod(p: PeriodKey) {
    setPeriod(p)
    if (p !== 'custom') setRange(rangeOf(p, Date.now()))
  }

  function drill(row: BreakdownFigures) {
    if (!o?.placeType) return
    setPath((p) => [...p, { level: o.placeType!, id: row.key, name: row.label }])
  }

  const query = scope ? scopeQuery(scope, range) : ''
  const placeWord = o?.placeType === 'community' ? '社区' : '网格'

  return (
    <Screen className="stats-page">
      <View className="stats-toolbar">
        <ScopePicker
          path={path}
          onBack={(depth) => setPath((p) => p.slice(0, depth + 1))}
          streets={admin ? streets.data?.items : undefined}
          onStreet={(id, name) => setPath([{ level: 'street', id, name }])}
        />
        <PeriodPicker period={period} range={range} onPeriod={choosePeriod} onRange={setRange} />
      </View>
      <PageState
        {...stateOf(session, overview)}
        loading={!session.ready || overview.loading || (admin && streets.loading)}
        error={session.error || overview.error || streets.error}
        empty={session.ready && !scope && !streets.loading}
        emptyText="没有可查看统计的社区或街道"
      >
        {o && (
          <View>
            <Figures o={o} />
            <View className="stats-links">
              <StatsLink title="高频问题" url={StatsPaths.hotspots(query)} />
              <StatsLink title="台账与导出" url={StatsPaths.ledger(query)} />
              <StatsLink title="口径说明" url={StatsPaths.definitions()} />
              {o.overdueNow > 0 && session.activeRole !== 'committee_member' && <StatsLink title="处理逾期" url={Paths.triage} />}
            </View>
            <View className="stats-charts">
              <View className="card chart-card">
                <Text className="chart-card__title">趋势（收到与办结）</Text>
                <PageState {...stateOf(session, trend)} empty={trend.data?.points.length === 0} emptyText="本期没有数据">
                  {trend.data && (
                    <TrendLine
                      unit="件"
                      labels={trend.data.points.map((p) => p.label)}
                      series={[
                        { name: '收到', color: '#c8161d', values: trend.data.points.map((p) => p.received) },
                        { name: '办结', color: '#1b7f3b', values: trend.data.points.map((p) => p.closed) },
                      ]}
                    />
                  )}
                </PageState>
              </View>
              <View className="card chart-card">
                <Text className="chart-card__title">按类别（收到）</Text>
                {o.byCategory.length ? (
                  <Bars unit="件" bars={o.byCategory.map((c) => ({ key: c.key, label: c.label, value: c.received }))} />
                ) : (
                  <Text className="hint">本期没有点单</Text>
                )}
              </View>
              <View className="card chart-card">
                <View className="chart-card__head">
                  <Text className="chart-card__title">各环节按时率</Text>
                  <Text
                    className="chart-card__link"
                    {...TAPPABLE}
                    onClick={() => void Taro.navigateTo({ url: StatsPaths.definitions('onTimeRate') })}
                  >
                    口径 ›
                  </Text>
                </View>
                <Bars
                  unit="%"
                  bars={o.onTime
                    .filter((s) => s.ended > 0)
                    .map((s) => ({ key: s.stage, label: s.label, value: Number(percent(s.rate)) || 0 }))}
                />
                {o.onTime.every((s) => s.ended === 0) && <Text className="hint">本期没有结束的环节</Text>}
              </View>
              {places.length > 0 && (
                <View className="card chart-card">
                  <View className="chart-card__head">
                    <Text className="chart-card__title">各{placeWord}对比</Text>
                    <Text
                      className="chart-card__link"
                      {...TAPPABLE}
                      onClick={() => void Taro.navigateTo({ url: StatsPaths.definitions('resolutionRate') })}
                    >
                      按解决率排名 ›
                    </Text>
                  </View>
                  <Places rows={places} minSample={o.minSample} onOpen={drill} />
                </View>
              )}
              {places.length > 0 && (
                <View className="card chart-card">
                  <Text className="chart-card__title">{placeWord} × 类别（收到）</Text>
                  <PageState {...stateOf(session, heat)}>
                    {h && (
                      <HeatTable
                        corner={placeWord}
                        rows={heatRows(h.places, MAX_HEAT_ROWS)}
                        columns={h.categories.map((c) => ({ key: c.key, label: c.label }))}
                        value={(row, column) => h.cells[row]?.[column] ?? 0}
                      />
                    )}
                  </PageState>
                </View>
              )}
            </View>
          </View>
        )}
      </PageState>
    </Screen>
  )
}

function StatsLink({ title, url }: { title: string; url: string }) {
  return (
    <View className="stats-link" {...TAPPABLE} onClick={() => void Taro.navigateTo({ url })}>
      <Text>{title} ›</Text>
    </View>
  )
}

export default observer(DashboardPage)
