import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import ActionBar from '../../../components/action-bar'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import Timeline from '../../../components/timeline'
import { useRequest } from '../../../hooks/use-request'
import { AUTO_CONFIRM_DAYS, readerOf, SlaStageLabels, type Audience } from '@honglin/shared'
import { ACTION_SPECS, categoryLabel, formatTime, kindLabel, lateness, statusText, statusTone } from '../../../logic/demand-view'
import { mayRaiseProjectFrom, ProjectPaths } from '../../../logic/project'
import { api } from '../../../services/api'
import { useStores } from '../../../stores'
import Photos from '../../../components/photos'

function Row({ k, v }: { k: string; v?: string | number }) {
  if (v === undefined || v === '') return null
  return (
    <View className="kv">
      <Text className="kv__k">{k}</Text>
      <Text className="kv__v">{v}</Text>
    </View>
  )
}

/** One demand: what was asked, where it stands, what happened, and what the viewer may do now. */
function DemandPage() {
  const { session, org } = useStores()
  const id = useRouter().params.id ?? ''
  const req = useRequest(
    async () => {
      const d = await api('demand', 'get', { id })
      void org.loadGrids(d.communityId).catch(() => undefined)
      return d
    },
    [id, session.openid],
    { enabled: session.ready },
  )
  const d = req.data
  const [next, setNext] = useState('')
  const now = Date.now()
  // The resident whose demand it is reads her words whatever role she is acting in.
  const audience: Audience = d && d.ownerId === session.profile?.userId ? 'resident' : readerOf(session.activeRole)
  const late = d ? lateness(d, now) : { late: false, text: '' }
  return (
    <Screen className="detail">
      <PageState {...stateOf(session, req)}>
        {d && (
          <View>
            <View className="card">
              <View className="demand-card__top">
                <Text className={`tag tag--${statusTone(d.status)}`}>{statusText(d, audience)}</Text>
                {late.late && <Text className="tag tag--late">{late.text}</Text>}
                {d.urgency === 'urgent' && <Text className="tag tag--urgent">紧急</Text>}
                <Text className="demand-card__kind">
                  {kindLabel(d.kind)} · {categoryLabel(d.kind, d.category)}
                </Text>
              </View>
              <Text className="demand-card__title">{d.title}</Text>
              <Text className="timeline__note">{d.detail}</Text>
              <Photos ids={d.photos} />
              {d.photos.length === 0 && (d.photoCount ?? 0) > 0 && <Text className="hint">有 {d.photoCount} 张照片，仅办理人员可见</Text>}
              {d.status === 'rejected' && d.rejectReason && <Text className="demand-card__reason">未受理原因：{d.rejectReason}</Text>}
              {d.status === 'merged' && d.mergedInto && <Text className="demand-card__reason">已与另一条相同的点单合并办理</Text>}
            </View>

            {!next && audience === 'resident' && d.status === 'done' && (
              <Text className="hint">
                服务人员说已经办好了。请看看是否解决：{Math.round((d.slaTerms?.confirm ?? AUTO_CONFIRM_DAYS * 24) / 24)}{' '}
                天内不确认，系统会替您确认。
              </Text>
            )}
            {next && (
              <View className="card notice" role="status">
                <Text className="notice__text">{next}</Text>
              </View>
            )}

            <ActionBar
              demandId={d._id}
              demandTitle={d.title}
              available={d.availableActions}
              onDone={(answer, action) => {
                setNext(ACTION_SPECS[action].next ?? '')
                if ('availableActions' in answer) req.setData(answer)
                req.reload()
              }}
            />
            {mayRaiseProjectFrom(session.activeRole, session.grants, d.communityId) && (
              <View className="action-bar">
                <Button
                  className="action-bar__btn"
                  type="primary"
                  fill="outline"
                  size="large"
                  onClick={() => void Taro.navigateTo({ url: ProjectPaths.edit({ communityId: d.communityId, demandIds: [d._id] }) })}
                >
                  转为项目
                </Button>
              </View>
            )}

            <View className="card">
              <Row k="编号" v={d._id} />
              <Row k="网格" v={org.nameOf(d.gridId)} />
              <Row k="地址" v={d.address} />
              <Row k="联系人" v={d.contactName} />
              <Row k="联系电话" v={d.contactPhone} />
              <Row k="期望时间" v={d.preferredTime} />
              <Row k="提交时间" v={formatTime(d.createdAt, now)} />
              {d.assignee && (
                <Row
                  k="接单"
                  v={`${d.assignee.type === 'unit' ? '共建单位 ' : ''}${d.assignee.name}${d.assignee.acceptedAt ? '（已接单）' : '（待接单）'}`}
                />
              )}
              {d.assignee?.dueAt && <Row k="完成期限" v={formatTime(d.assignee.dueAt, now)} />}
              {d.sla && audience !== 'resident' && <Row k={`${SlaStageLabels[d.sla.stage]}时限`} v={formatTime(d.sla.dueAt, now)} />}
              {(d.assignee || d.hall) && <Row k="服务积分" v={`${d.assignee?.points ?? d.hall?.points ?? 0} 分`} />}
              {d.rating && <Row k="评价" v={`${'★'.repeat(d.rating.stars)}${'☆'.repeat(5 - d.rating.stars)} ${d.rating.comment ?? ''}`} />}
              {d.completion && <Row k="服务时长" v={`${d.completion.hours} 小时`} />}
            </View>

            <Text className="section-title">办理进度</Text>
            <View className="card">
              <Timeline entries={d.timeline} audience={audience} />
            </View>
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(DemandPage)
