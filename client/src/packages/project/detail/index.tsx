import { useEffect, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { BidView, Objection, RankedBid } from '@honglin/shared'
import Chips from '../../../components/chips'
import Field from '../../../components/field'
import PageState, { stateOf } from '../../../components/page-state'
import PhotoPicker from '../../../components/photo-picker'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { NUMBER_INPUT, numberFrom } from '../../../logic/numbers'
import { byField, ProjectPaths } from '../../../logic/project'
import { api, ApiError, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'
import { newRequestId } from '../../../stores/order-form'
import Sheet, { Stars } from '../sheet'
import { loadDetail } from './load'
import { Acceptance, AwardBlock, BidBlock, Objections, Overview, Ranking, Reports, ReviewBlock, TimelineBlock } from './sections'
import { openMinutes } from './minutes'
import '../project.scss'

type Open =
  | { kind: 'award'; bid: RankedBid; reason: string }
  | { kind: 'answer'; objection: Objection; answer: string }
  | { kind: 'object'; reason: string; requestId: string }
  | { kind: 'report'; progress: string; note: string; milestone: string; photos: string[]; requestId: string }
  | { kind: 'accept'; rating: number; note: string }
  | { kind: 'cancel'; reason: string }
  | { kind: 'withdraw'; bid: BidView; reason: string }

/** Simple steps staff take, each confirmed in words that say what follows. */
const STEPS = {
  publish: { label: '发布揭榜', confirm: '发布', ask: '发布后共建单位即可揭榜，评分标准不能再修改。', done: '已发布' },
  closeBidding: {
    label: '截止揭榜，交大党委评审',
    confirm: '截止揭榜',
    ask: '截止后不再接受新方案，大党委委员开始评分。',
    done: '已截止揭榜',
  },
  closeReview: { label: '结束评审', confirm: '结束评审', ask: '结束后公布评分和排名，委员不能再评分。', done: '评审已结束' },
  publicize: { label: '开始公示', confirm: '开始公示', ask: '公示期内居民和单位可以提出异议，社区须逐条答复。', done: '已开始公示' },
  start: { label: '开始实施', confirm: '开始实施', ask: '公示期满、异议均已答复，通知揭榜单位开始实施。', done: '已开始实施' },
} as const
type Step = keyof typeof STEPS

/** 任务书详情: the project for everyone who may see it, and what the reader may do now. */
function DetailPage() {
  const { session } = useStores()
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const req = useRequest(() => loadDetail(id), [id, session.openid], { enabled: session.ready && !!id })
  const [open, setOpen] = useState<Open | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState('')
  const [busy, setBusy] = useState(false)
  const p = req.data?.project
  const can = (a: string) => p?.availableActions.includes(a as never) ?? false

  useEffect(() => {
    if (p) void Taro.setNavigationBarTitle({ title: p.title.length > 12 ? '任务书详情' : p.title })
  }, [p])

  function show(next: Open) {
    setErrors({})
    setFailure('')
    setOpen(next)
  }

  async function run(call: () => Promise<unknown>, done: string) {
    setBusy(true)
    setFailure('')
    try {
      await call()
      setOpen(null)
      void Taro.showToast({ title: done, icon: 'success' })
      req.reload()
    } catch (error) {
      if (error instanceof ApiError) setErrors(byField(error.fields))
      if (open) setFailure(messageOf(error))
      else void Taro.showToast({ title: messageOf(error), icon: 'none', duration: 3000 })
    } finally {
      setBusy(false)
    }
  }

  async function step(s: Step) {
    const spec = STEPS[s]
    // A modal's buttons hold at most four characters in the mini-program.
    const res = await Taro.showModal({ title: spec.label, content: spec.ask, confirmText: spec.confirm, cancelText: '再想想' })
    if (res.confirm) await run(() => api('project', s, { id }), spec.done)
  }

  async function submit() {
    if (!open) return
    switch (open.kind) {
      case 'award':
        return run(
          () => api('project', 'award', { projectId: id, bidId: open.bid.bidId, ...(open.reason.trim() ? { reason: open.reason } : {}) }),
          '已定标',
        )
      case 'answer':
        return run(() => api('project', 'answerObjection', { objectionId: open.objection._id, answer: open.answer }), '已答复')
      case 'object':
        return run(() => api('project', 'object', { projectId: id, reason: open.reason, requestId: open.requestId }), '异议已提交')
      case 'report': {
        const progress = numberFrom(open.progress)
        return run(
          () =>
            api('project', 'report', {
              projectId: id,
              progress: progress ?? NaN,
              note: open.note,
              ...(open.milestone ? { milestone: open.milestone } : {}),
              photos: open.photos,
              requestId: open.requestId,
            }),
          '进度已报告',
        )
      }
      case 'accept':
        return run(
          () => api('project', 'accept', { projectId: id, rating: open.rating, ...(open.note.trim() ? { note: open.note } : {}) }),
          '已验收',
        )
      case 'cancel':
        return run(() => api('project', 'cancel', { id, reason: open.reason }), '项目已取消')
      case 'withdraw':
        return run(
          () => api('project', 'withdrawBid', { bidId: open.bid._id, ...(open.reason.trim() ? { reason: open.reason } : {}) }),
          '方案已撤回',
        )
    }
  }

  async function minutes() {
    setBusy(true)
    try {
      await openMinutes(id)
    } catch (error) {
      void Taro.showToast({ title: messageOf(error), icon: 'none', duration: 3000 })
    } finally {
      setBusy(false)
    }
  }

  const data = req.data
  const myBid = data?.bids?.find((b) => b._id === p?.myBidId)
  const awardedBid = data?.bids?.find((b) => b._id === p?.award?.bidId)
  const steps = (Object.keys(STEPS) as Step[]).filter((s) => can(s))
  return (
    <Screen>
      <PageState {...stateOf(session, req)} empty={false}>
        {p && data && (
          <View>
            <Overview project={p} />
            <ReviewBlock project={p} onScore={() => void Taro.navigateTo({ url: ProjectPaths.score(id) })} />

            {(myBid || can('bid')) && (
              <BidBlock
                title="本单位的揭榜方案"
                bid={myBid}
                actions={
                  <View className="action-bar">
                    {(can('bid') || can('updateBid')) && (
                      <Button
                        className="action-bar__btn"
                        size="large"
                        type="primary"
                        onClick={() => void Taro.navigateTo({ url: ProjectPaths.bid(id) })}
                      >
                        {can('updateBid') ? '修改方案' : '写揭榜方案'}
                      </Button>
                    )}
                    {myBid && can('withdrawBid') && (
                      <Button
                        className="action-bar__btn"
                        size="large"
                        fill="outline"
                        onClick={() => show({ kind: 'withdraw', bid: myBid, reason: '' })}
                      >
                        撤回投标
                      </Button>
                    )}
                  </View>
                }
              />
            )}

            {data.results && (
              <Ranking
                results={data.results}
                award={p.award}
                onAward={can('award') ? (bid) => show({ kind: 'award', bid, reason: '' }) : undefined}
              />
            )}
            {!data.results && data.bids && !myBid && data.bids.length > 0 && (
              <View className="card">
                <Text className="project-block__title">揭榜方案（{data.bids.filter((b) => b.status === 'live').length} 份）</Text>
                {data.bids.map((b) => (
                  <BidBlock key={b._id} bid={b} nested />
                ))}
              </View>
            )}

            {p.award && <AwardBlock project={p} bid={awardedBid} />}
            {data.objections && (
              <Objections
                items={data.objections}
                onAnswer={can('answerObjection') ? (objection) => show({ kind: 'answer', objection, answer: '' }) : undefined}
              />
            )}
            {can('object') && (
              <Button block size="large" fill="outline" onClick={() => show({ kind: 'object', reason: '', requestId: newRequestId() })}>
                对公示结果提出异议
              </Button>
            )}
            {data.reports && <Reports items={data.reports} />}
            {p.acceptance && <Acceptance acceptance={p.acceptance} />}

            <View className="project-actions">
              {can('report') && (
                <Button
                  className="project-actions__btn"
                  size="large"
                  type="primary"
                  onClick={() =>
                    show({
                      kind: 'report',
                      progress: String(p.progress ?? ''),
                      note: '',
                      milestone: '',
                      photos: [],
                      requestId: newRequestId(),
                    })
                  }
                >
                  报告进度
                </Button>
              )}
              {can('accept') && (
                <Button
                  className="project-actions__btn"
                  size="large"
                  type="primary"
                  onClick={() => show({ kind: 'accept', rating: 0, note: '' })}
                >
                  验收
                </Button>
              )}
              {can('update') && (
                <Button
                  className="project-actions__btn"
                  size="large"
                  fill="outline"
                  onClick={() => void Taro.navigateTo({ url: ProjectPaths.edit({ id }) })}
                >
                  修改任务书
                </Button>
              )}
              {steps.map((s) => (
                <Button key={s} className="project-actions__btn" size="large" type="primary" disabled={busy} onClick={() => void step(s)}>
                  {STEPS[s].label}
                </Button>
              ))}
              {can('minutes') && (
                <Button className="project-actions__btn" size="large" fill="outline" disabled={busy} onClick={() => void minutes()}>
                  下载联席会议纪要
                </Button>
              )}
              {can('cancel') && (
                <Button className="project-actions__btn" size="large" fill="outline" onClick={() => show({ kind: 'cancel', reason: '' })}>
                  取消项目
                </Button>
              )}
            </View>

            <TimelineBlock project={p} />
          </View>
        )}
      </PageState>
      {open && p && (
        <Sheets
          open={open}
          setOpen={setOpen}
          errors={errors}
          failure={failure}
          busy={busy}
          onSubmit={() => void submit()}
          milestones={myBid?.timeline.map((m) => m.title) ?? []}
          title={p.title}
        />
      )}
    </Screen>
  )
}

interface SheetsProps {
  open: Open
  setOpen: (o: Open | null) => void
  errors: Record<string, string>
  failure: string
  busy: boolean
  onSubmit: () => void
  milestones: string[]
  title: string
}

function Sheets({ open, setOpen, errors, failure, busy, onSubmit, milestones, title }: SheetsProps) {
  const common = { failure, busy, onClose: () => setOpen(null), onSubmit, subject: title }
  switch (open.kind) {
    case 'award': {
      const first = open.bid.rank === 1
      return (
        <Sheet {...common} title="确定揭榜单位" back="再想想" submit={first ? '按排名定标' : '不按排名定标'}>
          <Text className="project-next">
            {first
              ? `按评审排名定标：${open.bid.unitName}（第 1 名，${open.bid.total} 分）。`
              : `不按评审排名定标：${open.bid.unitName} 排名第 ${open.bid.rank}（${open.bid.total} 分），须写明理由，理由将随结果公示。`}
          </Text>
          <Field label={first ? '定标说明（可不填）' : '不按排名的理由'} required={!first} error={errors.reason}>
            <Textarea
              className="textarea"
              value={open.reason}
              placeholder={first ? '可补充说明' : '为什么选这份方案'}
              onInput={(e) => setOpen({ ...open, reason: e.detail.value })}
            />
          </Field>
        </Sheet>
      )
    }
    case 'answer':
      return (
        <Sheet {...common} subject={open.objection.reason} title="答复异议" back="稍后答复" submit="提交答复">
          <Field label="答复内容" required error={errors.answer}>
            <Textarea
              className="textarea"
              value={open.answer}
              placeholder="核实情况和处理结果"
              onInput={(e) => setOpen({ ...open, answer: e.detail.value })}
            />
          </Field>
        </Sheet>
      )
    case 'object':
      return (
        <Sheet {...common} title="提出异议" back="不提了" submit="提交异议">
          <Text className="hint">公示期内可对揭榜结果提出异议，社区会逐条答复，答复前项目不会开始实施。</Text>
          <Field label="异议内容" required error={errors.reason}>
            <Textarea
              className="textarea"
              value={open.reason}
              placeholder="您认为哪里不妥、依据是什么"
              onInput={(e) => setOpen({ ...open, reason: e.detail.value })}
            />
          </Field>
        </Sheet>
      )
    case 'report':
      return (
        <Sheet {...common} title="报告进度" back="稍后再报" submit="提交进度">
          {milestones.length > 0 && (
            <Field label="对应节点" error={errors.milestone}>
              <Chips
                className="chips--compact"
                options={milestones.map((m) => ({ value: m, label: m }))}
                value={open.milestone}
                onChange={(milestone) => setOpen({ ...open, milestone: open.milestone === milestone ? '' : milestone })}
              />
            </Field>
          )}
          <Field label="完成进度（%）" required error={errors.progress}>
            <Input
              className="input"
              {...NUMBER_INPUT}
              value={open.progress}
              placeholder="0–100"
              onInput={(e) => setOpen({ ...open, progress: e.detail.value })}
            />
          </Field>
          <Field label="进展说明" required error={errors.note}>
            <Textarea
              className="textarea"
              value={open.note}
              placeholder="做了什么、下一步做什么"
              onInput={(e) => setOpen({ ...open, note: e.detail.value })}
            />
          </Field>
          <Field label="现场照片" error={errors.photos}>
            <PhotoPicker value={open.photos} onChange={(photos) => setOpen({ ...open, photos })} folder="projects" />
          </Field>
        </Sheet>
      )
    case 'accept':
      return (
        <Sheet {...common} title="验收" back="稍后验收" submit="通过验收">
          <Field label="验收评分" required error={errors.rating}>
            <Stars value={open.rating} onChange={(rating) => setOpen({ ...open, rating })} />
          </Field>
          <Field label="验收意见" error={errors.note}>
            <Textarea
              className="textarea"
              value={open.note}
              placeholder="完成情况、居民反映"
              onInput={(e) => setOpen({ ...open, note: e.detail.value })}
            />
          </Field>
          <Text className="hint">评分计入揭榜单位的履约记录，供以后评审参考。</Text>
        </Sheet>
      )
    case 'cancel':
      return (
        <Sheet {...common} title="取消项目" back="不取消" submit="取消项目">
          <Field label="取消原因" required error={errors.reason}>
            <Textarea
              className="textarea"
              value={open.reason}
              placeholder="为什么取消"
              onInput={(e) => setOpen({ ...open, reason: e.detail.value })}
            />
          </Field>
        </Sheet>
      )
    case 'withdraw':
      return (
        <Sheet {...common} title="撤回投标" back="保留方案" submit="确认撤回">
          <Text className="hint">
            撤回后本单位的方案不参加评审，项目的进程记录里会留下“{open.bid.unitName}撤回揭榜方案”；截止前可以重新提交。
          </Text>
          <Field label="撤回原因（可不填，不在进程记录中公开）" error={errors.reason}>
            <Textarea
              className="textarea"
              value={open.reason}
              placeholder="可不填"
              onInput={(e) => setOpen({ ...open, reason: e.detail.value })}
            />
          </Field>
        </Sheet>
      )
  }
}

export default observer(DetailPage)
