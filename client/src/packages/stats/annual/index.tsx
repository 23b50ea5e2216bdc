import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import Chips from '../../../components/chips'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { messageOf } from '../../../services/api'
import { useStores } from '../../../stores'
import { openFile } from '../parts/download'
import { chinaDay } from '../parts/range'
import { annual, type AnnualLetter } from '../parts/stats-api'
import MemberCard from './member'
import '../stats.scss'

/** The years a report can be made for: this one (so far) and the three before. */
function yearsToPick(now: number) {
  const year = Number(chinaDay(now).slice(0, 4))
  return [year, year - 1, year - 2, year - 3].map((y) => ({ value: String(y), label: `${y}年` }))
}

/**
 * 双报到年度报告: each in-service party member's year in the community, the community's
 * evaluation, and the letter back to their work unit (a 喜报 with it for outstanding members),
 * made one by one or all at once.
 */
function AnnualPage() {
  const { session } = useStores()
  const years = yearsToPick(Date.now())
  // Reports are written when a year is over: start on last year.
  const [year, setYear] = useState(Number(years[1]!.value))
  const [letters, setLetters] = useState<Record<string, AnnualLetter>>({})
  const [working, setWorking] = useState<Record<string, boolean>>({})
  const [failures, setFailures] = useState<Record<string, string>>({})
  const [bulk, setBulk] = useState<{ done: number; total: number } | undefined>()
  const req = useRequest(() => annual.list(year), [session.openid, year], { enabled: session.ready })
  const members = req.data?.members ?? []

  function chooseYear(y: string) {
    setYear(Number(y))
    setLetters({})
    setFailures({})
    setBulk(undefined)
  }

  async function make(userId: string): Promise<void> {
    setWorking((w) => ({ ...w, [userId]: true }))
    setFailures((f) => ({ ...f, [userId]: '' }))
    try {
      const letter = await annual.letter(year, userId)
      setLetters((l) => ({ ...l, [userId]: letter }))
    } catch (e) {
      setFailures((f) => ({ ...f, [userId]: messageOf(e) }))
    } finally {
      setWorking((w) => ({ ...w, [userId]: false }))
    }
  }

  // One at a time: each letter is a function run that writes a file; in parallel they would
  // only queue for the same instances.
  async function makeAll() {
    const todo = members.filter((m) => !letters[m.userId])
    setBulk({ done: 0, total: todo.length })
    for (const [i, m] of todo.entries()) {
      await make(m.userId)
      setBulk({ done: i + 1, total: todo.length })
    }
  }

  async function open(userId: string) {
    const letter = letters[userId]
    if (!letter) return
    try {
      await openFile(letter.tempFileURL, letter.fileName ?? `${letter.member.name}-${year}年度反馈函.docx`, 'docx')
    } catch (e) {
      setFailures((f) => ({ ...f, [userId]: messageOf(e) }))
    }
  }

  const made = members.filter((m) => letters[m.userId]).length
  const bulkBusy = bulk !== undefined && bulk.done < bulk.total
  return (
    <Screen className="stats-page">
      <Chips className="chips--compact" options={years} value={String(year)} onChange={chooseYear} />
      <PageState {...stateOf(session, req)} empty={members.length === 0} emptyText="这一年没有在本社区报到服务的在职党员">
        <View className="card">
          <Text className="chart-card__title">
            {req.data?.communityName ?? ''} {year}年 · 在职党员 {members.length} 人
          </Text>
          <Text className="hint">
            已生成反馈函 {made} / {members.length}
            {bulk ? `（本次 ${bulk.done} / ${bulk.total}）` : ''}
          </Text>
          <Button type="primary" disabled={bulkBusy || made === members.length} loading={bulkBusy} onClick={() => void makeAll()}>
            {bulkBusy ? `正在生成 ${bulk!.done + 1} / ${bulk!.total}` : '全部生成反馈函'}
          </Button>
        </View>
        <View className="stats-list">
          {members.map((m) => (
            <MemberCard
              key={m.userId}
              member={m}
              letter={letters[m.userId]}
              working={!!working[m.userId]}
              failure={failures[m.userId]}
              onMake={() => void make(m.userId)}
              onOpen={() => void open(m.userId)}
            />
          ))}
        </View>
      </PageState>
    </Screen>
  )
}

export default observer(AnnualPage)
