import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { exportNext } from '../../../logic/stats'
import { messageOf } from '../../../services/api'
import { openFile } from './download'
import type { Scoped } from './stats-api'
import { useExport } from './use-export'

const STATE_TEXT = { queued: '排队中，稍候开始生成…', running: '正在生成…', done: '已生成', failed: '生成失败' } as const

/** 导出 Excel: the ledger or the figures of a scope and period, made at once or in the background, then downloaded. */
export default function ExportBox({ input }: { input: Scoped | undefined }) {
  const job = useExport()
  const [opening, setOpening] = useState(false)
  const [failure, setFailure] = useState('')
  const s = job.status
  const busy = job.starting || (!!s && exportNext(s) === 'poll')

  async function download() {
    if (!s?.tempFileURL) return
    setOpening(true)
    setFailure('')
    try {
      await openFile(s.tempFileURL, s.fileName ?? '台账.xlsx', 'xlsx')
    } catch (e) {
      setFailure(messageOf(e))
    } finally {
      setOpening(false)
    }
  }

  return (
    <View className="card export-box">
      <Text className="chart-card__title">导出 Excel</Text>
      <Text className="hint">
        台账按 A4 横向排版，每页重复表头，附签字与日期栏；统计表和较小的台账当即生成；较大的台账在后台生成，约一分钟内可下载。
      </Text>
      <View className="export-box__buttons">
        <Button type="primary" disabled={!input || busy} onClick={() => input && job.start({ ...input, sheet: 'ledger' })}>
          导出台账
        </Button>
        <Button fill="outline" type="primary" disabled={!input || busy} onClick={() => input && job.start({ ...input, sheet: 'overview' })}>
          导出统计表
        </Button>
      </View>
      {job.starting && <Text className="hint">正在提交…</Text>}
      {s && (
        <View className="export-box__status" aria-live="polite">
          <Text className="export-box__state">
            {STATE_TEXT[s.state]}
            {s.rows > 0 ? `（${s.rows} 行）` : ''}
          </Text>
          {busy && (
            <View className="export-box__bar">
              <View className={`export-box__fill ${s.state === 'queued' ? 'export-box__fill--waiting' : 'export-box__fill--working'}`} />
            </View>
          )}
          {s.state === 'failed' && <Text className="form-failure">{s.error || '请稍后重新导出'}</Text>}
          {exportNext(s) === 'open' && (
            <Button type="primary" disabled={opening} onClick={() => void download()}>
              {opening ? '正在打开…' : process.env.TARO_ENV === 'h5' ? '下载 Excel' : '打开 Excel'}
            </Button>
          )}
        </View>
      )}
      {(job.error || failure) && <Text className="form-failure">{job.error || failure}</Text>}
    </View>
  )
}
