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
import { annual, type AnnualReport } from '../parts/stats-api'
import MemberCard from './member'
import '../stats.scss'

/** The years a report can be made for: this one (so far) and the three before. */
function yearsToPick(now: number) {
  const year = Number(chinaDay(now).slice(0, 4))
  return [year, year - 1, year - 2, year - 3].map((y) => ({ value: String(y), label: `${y}年` }))
}

/**
 * 双报到年度报告: each in-service party member's year in the community, the community's
 * evaluation, and the letter back to their work unit (with a 喜报 for the outstanding): all of
 * them in one file, or one member's alone.
 */
function AnnualPage() {
  const { session } = useStores()
  const years = yearsToPick(Date.now())
  // Reports are written when a year is over: start on last year.
  const [year, setYear] = useState(Number(years[1]!.value))
  const [letters, setLetters] = useState<Record<string, AnnualReport>>({})
  const [working, setWorking] = useState<Record<string, boolean>>({})
  const [failures, setFailures] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState('')
  const req = useRequest(() => annual.all(year), [session.openid, year], { enabled: session.ready })
  const report = req.data
  const members = report?.members ?? []

  function chooseYear(y: string) {
    setYear(Number(y))
    setLetters({})
    setFailures({})
  }

  async function download(file: AnnualReport, onError: (message: string) => void) {
    try {
      await openFile(file.tempFileURL, file.fileName, 'docx')
    } catch (e) {
      onError(messageOf(e))
    }
  }

  async function makeOne(userId: string): Promise<void> {
    setWorking((w) => ({ ...w, [userId]: true }))
    setFailures((f) => ({ ...f, [userId]: '' }))
    try {
      const letter = await annual.one(year, userId)
      setLetters((l) => ({ ...l, [userId]: letter }))
    } catch (e) {
      setFailures((f) => ({ ...f, [userId]: messageOf(e) }))
    } finally {
      setWorking((w) => ({ ...w, [userId]: false }))
    }
  }

  return (
    <Screen className="stats-page">
      <Chips className="chips--compact" options={years} value={String(year)} onChange={chooseYear} />
      <PageState {...stateOf(session, req)} empty={members.length === 0} emptyText="这一年本社区没有在职党员报到服务">
        {report && (
          <View className="card export-box">
            <Text className="chart-card__title">
              {report.community.name} {report.year}年 · 在职党员 {members.length} 人
            </Text>
            <Text className="hint">
              优秀 {report.outstanding} 人（附喜报）。反馈函写明服务时长、项目、评价与社区评定，按单位寄送；文件保留一天。
            </Text>
            <Button type="primary" onClick={() => void download(report, setFailure)}>
              下载全部反馈函（{members.length} 份）
            </Button>
            {failure && <Text className="form-failure">{failure}</Text>}
          </View>
        )}
        <View className="stats-list">
          {members.map((m) => (
            <MemberCard
              key={m.userId}
              member={m}
              made={!!letters[m.userId]}
              working={!!working[m.userId]}
              failure={failures[m.userId]}
              onMake={() => void makeOne(m.userId)}
              onOpen={() => void download(letters[m.userId]!, (message) => setFailures((f) => ({ ...f, [m.userId]: message })))}
            />
          ))}
        </View>
      </PageState>
    </Screen>
  )
}

export default observer(AnnualPage)
