import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { AuditTargetLabels, auditDetailLines, type contract } from '@honglin/shared'
import Chips from '../../../components/chips'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { formatTime } from '../../../logic/demand-view'
import { Paths } from '../../../logic/roles'
import { api, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'
import './index.scss'

type Verification = contract.Results['audit']['verify']

const BREAK_REASONS = { hash: '内容被修改', link: '前后记录对不上', gap: '记录缺失' } as const

/** 操作日志: the community's hash-chained log (street staff and admins choose the chain), and a check that nothing was altered. */
function AuditPage() {
  const { session, org } = useStores()
  const role = session.activeRole
  const chooses = role === 'street_staff' || role === 'admin'
  const streetId = session.grants.find((g) => g.role === 'street_staff')?.streetId
  const [communityId, setCommunityId] = useState('')
  const [more, setMore] = useState<contract.AuditEntryView[]>([])
  const [next, setNext] = useState<number | undefined>(undefined)
  const [checking, setChecking] = useState(false)
  const [verification, setVerification] = useState<Verification | null>(null)

  const req = useRequest(
    () => api('audit', 'list', { communityId: communityId || undefined, page: { limit: 20 } }),
    [session.openid, communityId],
    {
      enabled: session.ready,
    },
  )
  useEffect(() => {
    setMore([])
    setNext(req.data?.next)
    setVerification(null)
  }, [req.data])
  useEffect(() => {
    if (chooses && session.ready) void org.loadCommunities().catch(() => undefined)
  }, [chooses, session.ready, org])

  const communities = org.communities.filter((c) => role === 'admin' || c.streetId === streetId)
  const options = [{ value: '', label: role === 'admin' ? '全局' : '本街道' }, ...communities.map((c) => ({ value: c._id, label: c.name }))]
  // The global chain is the street's only in part: admins verify it.
  const mayVerify = !(role === 'street_staff' && !communityId)
  const items = [...(req.data?.items ?? []), ...more]

  async function loadMore() {
    try {
      const page = await api('audit', 'list', { communityId: communityId || undefined, page: { before: next, limit: 20 } })
      setMore((m) => [...m, ...page.items])
      setNext(page.next)
    } catch (error) {
      void Taro.showToast({ title: messageOf(error), icon: 'none', duration: 3000 })
    }
  }

  async function check() {
    setChecking(true)
    try {
      setVerification(await api('audit', 'verify', { communityId: communityId || undefined }))
    } catch (error) {
      void Taro.showToast({ title: messageOf(error), icon: 'none', duration: 3000 })
    } finally {
      setChecking(false)
    }
  }

  return (
    <Screen>
      {chooses && <Chips className="chips--compact" options={options} value={communityId} onChange={setCommunityId} />}
      {mayVerify && (
        <View className="card audit-check">
          <Text className="hint">每条记录都带有上一条的校验值，删改任何一条都能被发现。</Text>
          {verification && <VerificationText v={verification} />}
          <Button className="audit-check__btn" type="primary" fill="outline" size="large" disabled={checking} onClick={() => void check()}>
            {checking ? '核验中…' : '核验完整性'}
          </Button>
        </View>
      )}
      <PageState {...stateOf(session, req)} empty={items.length === 0} emptyText="还没有操作记录">
        <View>
          {items.map((e) => (
            <EntryCard key={e._id} entry={e} />
          ))}
          {next !== undefined && (
            <Button className="audit-more" size="large" fill="outline" onClick={() => void loadMore()}>
              加载更多
            </Button>
          )}
        </View>
      </PageState>
    </Screen>
  )
}

function VerificationText({ v }: { v: Verification }) {
  if (v.firstBroken) {
    return (
      <Text className="audit-check__result audit-check__result--bad">
        第 {v.firstBroken.seq} 条起异常：{BREAK_REASONS[v.firstBroken.reason]}（此前 {v.checked} 条完好）
      </Text>
    )
  }
  return (
    <Text className="audit-check__result audit-check__result--ok">
      {v.complete ? `已核验全部 ${v.checked} 条，未发现删改` : `已核验前 ${v.checked} 条，未发现删改（未核验完，请稍后再试）`}
    </Text>
  )
}

function EntryCard({ entry: e }: { entry: contract.AuditEntryView }) {
  const toDemand = e.target.type === 'demand' ? () => void Taro.navigateTo({ url: Paths.demand(e.target.id) }) : undefined
  return (
    <View className="card audit-entry" onClick={toDemand}>
      <View className="demand-card__top">
        <Text className="tag tag--red">{e.label}</Text>
        <Text className="hint">
          #{e.seq} · {formatTime(e.at, Date.now())}
        </Text>
      </View>
      <Text className="demand-card__meta">操作人：{e.actorName}</Text>
      <Text className="demand-card__meta">
        对象：{AuditTargetLabels[e.target.type] ?? e.target.type} {e.target.id}
      </Text>
      {auditDetailLines(e.detail).map((line) => (
        <Text key={line.label} className="demand-card__meta">
          {line.label}：{line.value}
        </Text>
      ))}
    </View>
  )
}

export default observer(AuditPage)
