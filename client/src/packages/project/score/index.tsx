import { useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { scoreErrors, weightedTotal, type BidView, type ProjectView } from '@honglin/shared'
import Field from '../../../components/field'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { NUMBER_INPUT, numberFrom } from '../../../logic/numbers'
import { byField, day, reviewStateOf, yuan } from '../../../logic/project'
import { api, ApiError, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'
import Sheet from '../sheet'
import '../project.scss'

/**
 * 评审打分: a 大党委 member declares a conflict, or scores each live bid per criterion with a
 * comment. A submitted score is locked: to correct it the member withdraws it while the review
 * is open (the withdrawal and its reason stay on record) and scores again. Nobody else's score
 * is shown here: the page knows only the member's own scores and the review's counts.
 */
function ScorePage() {
  const { session } = useStores()
  const { params } = useRouter()
  const projectId = decodeURIComponent(params.projectId ?? '')
  const req = useRequest(
    async () => {
      const project = await api('project', 'get', { id: projectId })
      const bids = project.status === 'bidding' ? { items: [] } : await api('project', 'bids', { projectId })
      return { project, bids: bids.items.filter((b) => b.status === 'live') }
    },
    [projectId, session.openid],
    { enabled: session.ready && !!projectId },
  )
  const [conflict, setConflict] = useState<string | null>(null)
  const [failure, setFailure] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const p = req.data?.project

  async function declare() {
    if (conflict === null) return
    setBusy(true)
    setFailure('')
    try {
      await api('project', 'declareConflict', { projectId, reason: conflict })
      setConflict(null)
      void Taro.showToast({ title: '已申报回避', icon: 'success' })
      req.reload()
    } catch (error) {
      if (error instanceof ApiError) setErrors(byField(error.fields))
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  const state = p ? reviewStateOf(p) : null
  return (
    <Screen>
      <PageState {...stateOf(session, req)} empty={false}>
        {p && req.data && (
          <View>
            <View className="card">
              <Text className="project-card__title">{p.title}</Text>
              {state && <Text className={`review-state review-state--${state.tone}`}>{state.label}</Text>}
              {state && <Text className="hint">{state.hint}</Text>}
              {p.review && (
                <Text className="project-card__meta">
                  已评完 {p.review.scored} / 可参评 {p.review.eligible} 人 · 法定人数 {p.review.required} 人
                </Text>
              )}
              <Text className="hint">达到法定人数并结束评审之前，任何人都看不到其他委员的分数和排名。</Text>
              {p.availableActions.includes('declareConflict') && (
                <Button
                  className="reward-card__btn"
                  size="large"
                  fill="outline"
                  onClick={() => {
                    setErrors({})
                    setFailure('')
                    setConflict('')
                  }}
                >
                  申报回避
                </Button>
              )}
            </View>
            {p.myReview &&
              !p.myReview.recused &&
              req.data.bids.map((b) => <BidScore key={b._id} project={p} bid={b} onScored={req.reload} />)}
            {p.availableActions.includes('score') && req.data.bids.length === 0 && (
              <Text className="hint">这个项目没有需要评审的方案。</Text>
            )}
          </View>
        )}
      </PageState>
      {conflict !== null && p && (
        <Sheet
          title="申报回避"
          subject={p.title}
          failure={failure}
          busy={busy}
          back="不申报"
          submit="确认回避"
          onClose={() => setConflict(null)}
          onSubmit={() => void declare()}
        >
          <Text className="hint">回避后您不参加本项目评分，也不计入法定人数；申报会记入联席会议纪要。</Text>
          <Field label="回避理由" required error={errors.reason}>
            <Textarea
              className="textarea"
              value={conflict}
              placeholder="如：本人在揭榜单位兼职"
              onInput={(e) => setConflict(e.detail.value)}
            />
          </Field>
        </Sheet>
      )}
    </Screen>
  )
}

/** One bid: the plan in short, then either the member's locked score or the form to give one. */
function BidScore({ project: p, bid, onScored }: { project: ProjectView; bid: BidView; onScored: () => void }) {
  const [typed, setTyped] = useState<Record<string, string>>({})
  const [comment, setComment] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState('')
  const [busy, setBusy] = useState(false)
  const mine = bid.myScore && bid.myScore.status === 'submitted' ? bid.myScore : undefined
  const canScore = p.availableActions.includes('score')
  const canWithdraw = p.availableActions.includes('withdrawScore')
  const [withdrawal, setWithdrawal] = useState<string | null>(null)

  async function withdraw() {
    if (withdrawal === null || !mine) return
    setBusy(true)
    setFailure('')
    try {
      await api('project', 'withdrawScore', { projectId: p._id, bidId: bid._id, reason: withdrawal })
      setWithdrawal(null)
      setTyped({})
      setComment('')
      void Taro.showToast({ title: '评分已撤回', icon: 'success' })
      onScored()
    } catch (error) {
      // Already withdrawn (a retry after a lost answer): the page reloads to what is stored.
      if (error instanceof ApiError && error.code === 'NOT_FOUND') {
        setWithdrawal(null)
        onScored()
        return
      }
      if (error instanceof ApiError) setErrors(byField(error.fields))
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }
  const scores = Object.fromEntries(p.criteria.map((c) => [c.name, numberFrom(typed[c.name]) ?? NaN]))

  async function submit() {
    const problems = scoreErrors(p.criteria, scores)
    for (const c of p.criteria) if (typed[c.name] === undefined || typed[c.name]!.trim() === '') problems[c.name] = `请为"${c.name}"打分`
    setErrors(problems)
    if (Object.keys(problems).length) {
      setFailure('请为每一项打分后再提交')
      return
    }
    const ask = await Taro.showModal({
      title: `提交对「${bid.unitName}」的评分`,
      content: `加权总分 ${weightedTotal(p.criteria, scores)} 分。提交后分数锁定，不能修改。`,
      confirmText: '提交',
      cancelText: '再看看',
    })
    if (!ask.confirm) return
    setBusy(true)
    setFailure('')
    try {
      await api('project', 'score', { projectId: p._id, bidId: bid._id, scores, ...(comment.trim() ? { comment } : {}) })
      void Taro.showToast({ title: '评分已提交', icon: 'success' })
      onScored()
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fields)
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card">
      <View className="project-card__head">
        <Text className="project-card__title">{bid.unitName}</Text>
        <Text className={`tag ${mine ? 'tag--green' : canScore ? 'tag--orange' : 'tag--grey'} project-card__status`}>
          {mine ? '已评分' : canScore ? '待评分' : '未评分'}
        </Text>
      </View>
      <Text className="project-block__text">{bid.plan}</Text>
      <View className="kv">
        <Text className="kv__k">人员与资源</Text>
        <Text className="kv__v">{bid.resources}</Text>
      </View>
      {bid.budget !== undefined && (
        <View className="kv">
          <Text className="kv__k">预算</Text>
          <Text className="kv__v">{yuan(bid.budget)}</Text>
        </View>
      )}
      <Text className="project-card__meta">{bid.timeline.map((m) => `${m.title}（${day(m.due)}）`).join('；')}</Text>
      {mine ? (
        <View>
          {p.criteria.map((c) => (
            <View key={c.name} className="kv">
              <Text className="kv__k">{c.name}</Text>
              <Text className="kv__v">
                {mine.scores[c.name]} / {c.max}
              </Text>
            </View>
          ))}
          <View className="kv">
            <Text className="kv__k">加权总分</Text>
            <Text className="kv__v">{mine.total} 分</Text>
          </View>
          {mine.comment && <Text className="hint">评语：{mine.comment}</Text>}
          <Text className="hint">您的评分已提交并锁定。</Text>
          {canWithdraw && <Text className="hint">评审结束前如需更正，可以撤回后重新评分。</Text>}
          {canWithdraw && (
            <Button
              block
              size="large"
              fill="outline"
              disabled={busy}
              onClick={() => {
                setErrors({})
                setFailure('')
                setWithdrawal('')
              }}
            >
              撤回评分
            </Button>
          )}
          {withdrawal !== null && (
            <Sheet
              title="撤回评分"
              subject={bid.unitName}
              failure={failure}
              busy={busy}
              back="不撤回"
              submit="确认撤回"
              onClose={() => setWithdrawal(null)}
              onSubmit={() => void withdraw()}
            >
              <Text className="hint">撤回会被记录：原分数、撤回时间和原因都保留在评审记录中，不会删除。撤回后请重新为这份方案评分。</Text>
              <Field label="撤回原因" required error={errors.reason}>
                <Textarea
                  className="textarea"
                  value={withdrawal}
                  placeholder="如：两项分数填反了"
                  onInput={(e) => setWithdrawal(e.detail.value)}
                />
              </Field>
            </Sheet>
          )}
        </View>
      ) : !canScore ? (
        <Text className="hint">未评分。</Text>
      ) : (
        <View>
          {p.criteria.map((c) => (
            <View key={c.name} className="score-row">
              <Field label={`${c.name}（权重 ${c.weight}%，满分 ${c.max}）`} required error={errors[c.name]}>
                <Input
                  className="input"
                  {...NUMBER_INPUT}
                  value={typed[c.name] ?? ''}
                  placeholder={`0–${c.max} 分`}
                  aria-label={`${c.name}得分`}
                  onInput={(e) => {
                    setTyped({ ...typed, [c.name]: e.detail.value })
                    setFailure('')
                    if (errors[c.name]) setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => k !== c.name)))
                  }}
                />
              </Field>
            </View>
          ))}
          <Field label="评语（可不填）" error={errors.comment}>
            <Textarea className="textarea" value={comment} placeholder="对这份方案的意见" onInput={(e) => setComment(e.detail.value)} />
          </Field>
          {failure && <Text className="form-failure">{failure}</Text>}
          <Button block size="large" type="primary" disabled={busy} onClick={() => void submit()}>
            {busy ? '提交中…' : '提交评分'}
          </Button>
        </View>
      )}
    </View>
  )
}

export default observer(ScorePage)
