import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Switch } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { RankingBy, RankingPeriod } from '@honglin/shared'
import Chips from '../../../components/chips'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { Paths } from '../../../logic/roles'
import { api, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'
import { TAPPABLE } from '../../../logic/tappable'
import '../honours.scss'

const PERIODS = [
  { value: 'month', label: '本月' },
  { value: 'year', label: '本年' },
  { value: 'all', label: '累计' },
] as const
const BYS = [
  { value: 'points', label: '按积分' },
  { value: 'hours', label: '按服务时长' },
] as const
const SCOPES = [
  { value: 'community', label: '本社区' },
  { value: 'street', label: '全街道' },
] as const

/** 光荣榜: the volunteers of the caller's community or its street, by points or service hours. */
function RankingPage() {
  const { session } = useStores()
  const [period, setPeriod] = useState<RankingPeriod>('month')
  const [by, setBy] = useState<RankingBy>('points')
  const [scope, setScope] = useState<'community' | 'street'>('community')
  const [streetId, setStreetId] = useState<string | undefined>()
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState('')
  const req = useRequest(
    async () => {
      const board = await api('points', 'ranking', { period, by, ...(scope === 'street' && streetId ? { streetId } : {}) })
      if (board.streetId) setStreetId(board.streetId)
      return board
    },
    [session.openid, period, by, scope],
    { enabled: session.ready },
  )
  const board = req.data
  const value = (row: { points: number; hours: number }) => (by === 'points' ? `${row.points} 分` : `${row.hours} 小时`)

  async function chooseName(full: boolean) {
    setSaving(true)
    setFailure('')
    try {
      await api('user', 'updateProfile', { honourName: full ? 'name' : 'masked' })
      req.reload()
    } catch (error) {
      setFailure(messageOf(error))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Screen>
      <View className="honours-switches">
        <Chips options={PERIODS} value={period} onChange={(v) => setPeriod(v as RankingPeriod)} />
        <Chips options={BYS} value={by} onChange={(v) => setBy(v as RankingBy)} />
        {streetId && <Chips options={SCOPES} value={scope} onChange={(v) => setScope(v as 'community' | 'street')} />}
      </View>
      <PageState {...stateOf(session, req)}>
        {board && (
          <View>
            <View className="card honours-head">
              <Text className="honours-head__title">
                {board.scopeName || (board.scope === 'street' ? '本街道' : '本社区')} · {board.period.label}
              </Text>
              <Text className="honours-head__hint">
                {board.me.rank ? `我排第 ${board.me.rank} 名` : `本期完成 ${board.minItems} 项服务即可上榜`} · 我的 {board.me.points} 分、
                {board.me.hours} 小时、{board.me.items} 项
              </Text>
            </View>
            {board.items.length === 0 && <Text className="hint">本期还没有人上榜。完成并销号 {board.minItems} 项服务即可上榜。</Text>}
            {board.items.map((row, i) => (
              <View key={i} className={`card honours-row ${row.mine ? 'honours-row--mine' : ''}`}>
                <Text className={`honours-row__rank ${row.rank <= 3 ? 'honours-row__rank--top' : ''}`}>{row.rank}</Text>
                <View className="honours-row__text">
                  <Text className="honours-row__name">
                    {row.name}
                    {row.mine ? '（我）' : ''}
                  </Text>
                  <Text className="hint">服务 {row.items} 项</Text>
                </View>
                <Text className="honours-row__value">{value(row)}</Text>
              </View>
            ))}
            <View className="card">
              <View className="switch-row">
                <View className="entry__text">
                  <Text className="entry__title">榜单上显示我的全名</Text>
                  <Text className="entry__hint">关闭时显示为“{board.me.name.slice(0, 1)}**”</Text>
                </View>
                <Switch
                  className="honours-name-switch"
                  checked={board.me.nameChoice === 'name'}
                  disabled={saving}
                  onChange={(on) => void chooseName(on)}
                />
              </View>
              {failure && <Text className="form-failure">{failure}</Text>}
            </View>
            <View className="entry" {...TAPPABLE} onClick={() => void Taro.navigateTo({ url: Paths.certificate })}>
              <View className="entry__text">
                <Text className="entry__title">服务时长证明</Text>
                <Text className="entry__hint">开具带核验编号的年度证明</Text>
              </View>
              <Text className="entry__arrow">›</Text>
            </View>
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(RankingPage)
