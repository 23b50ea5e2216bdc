import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { usePagedList } from '../../../hooks/use-paged-list'
import { useStores } from '../../../stores'
import ExportBox from '../parts/export-box'
import PeriodPicker from '../parts/period-picker'
import { presetOf, rangeOf, type DayRange, type PeriodKey } from '../parts/range'
import { scopeFromQuery, type StatsScope } from '../parts/scope'
import { stats, type LedgerPage as LedgerAnswer } from '../parts/stats-api'
import LedgerLine from './row'
import '../stats.scss'

/**
 * 台账: every demand received in a place and period, newest first, as the exported sheet lists
 * them (the dashboard's 收到 counts the same demands), and the export itself.
 */
function LedgerPage() {
  const { session } = useStores()
  const [scope, setScope] = useState<StatsScope | undefined>()
  const [period, setPeriod] = useState<PeriodKey>('custom')
  const [range, setRange] = useState<DayRange>(() => rangeOf('month', Date.now()))
  const [opened, setOpened] = useState(false)
  useLoad((q: Record<string, string | undefined>) => {
    setScope(scopeFromQuery(q))
    if (q.from && q.to) {
      const given = { from: q.from, to: q.to }
      setRange(given)
      setPeriod(presetOf(given, Date.now()))
    } else setPeriod('month')
    setOpened(true)
  })
  const input = opened ? { ...scope, ...range } : undefined
  const list = usePagedList((cursor) => stats.ledger({ ...input!, ...(cursor ? { cursor } : {}) }), [JSON.stringify(input)], {
    enabled: session.ready && !!input,
  })
  const name = (list.data as LedgerAnswer | undefined)?.scope.name

  function choosePeriod(p: PeriodKey) {
    setPeriod(p)
    if (p !== 'custom') setRange(rangeOf(p, Date.now()))
  }

  return (
    <Screen className="stats-page">
      <View className="stats-toolbar">
        {name && <Text className="chart-card__title">{name}</Text>}
        <PeriodPicker period={period} range={range} onPeriod={choosePeriod} onRange={setRange} />
      </View>
      <ExportBox input={input} />
      <PageState {...stateOf(session, list)} empty={list.items.length === 0} emptyText="这段时间没有收到点单">
        <Text className="hint">按提交时间从新到旧，已加载 {list.items.length} 件</Text>
        <View className="stats-list">
          {list.items.map((row, i) => (
            <LedgerLine key={row.id} row={row} seq={i + 1} />
          ))}
        </View>
        {list.moreError && <Text className="form-failure">{list.moreError}</Text>}
        {list.canLoadMore && (
          <Button block fill="outline" disabled={list.loadingMore} onClick={list.loadMore}>
            {list.loadingMore ? '加载中…' : '加载更多'}
          </Button>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(LedgerPage)
