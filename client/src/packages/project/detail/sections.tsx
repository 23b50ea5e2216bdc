import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import {
  ObjectionStatusLabels,
  ProjectActionLabels,
  ProjectStatusLabels,
  RecusalKindLabels,
  type Acceptance as AcceptanceRecord,
  type BidView,
  type Objection,
  type ProgressReport,
  type ProjectView,
  type RankedBid,
  type ResultsAnswer,
} from '@honglin/shared'
import Photos from '../../../components/photos'
import { formatTime } from '../../../logic/demand-view'
import { day, reviewStateOf, stateOfProject, yuan } from '../../../logic/project'
import { Paths } from '../../../logic/roles'

const Kv = ({ k, v }: { k: string; v: ReactNode }) => (
  <View className="kv">
    <Text className="kv__k">{k}</Text>
    <Text className="kv__v">{v}</Text>
  </View>
)

/** Title, state and what happens next; goal, content, money, dates and criteria. */
export function Overview({ project: p }: { project: ProjectView }) {
  const state = stateOfProject(p.status)
  return (
    <View>
      <View className="card">
        <View className="project-card__head">
          <Text className="project-card__title">{p.title}</Text>
          <Text className={`tag ${state.tag} project-card__status`}>{p.statusLabel || state.label}</Text>
        </View>
        {p.communityName && <Text className="project-card__meta">{p.communityName}</Text>}
        {state.next && <Text className="project-next">接下来：{state.next}</Text>}
      </View>
      <View className="card">
        <Text className="project-block__title">目标</Text>
        <Text className="project-block__text">{p.goal}</Text>
        <Text className="project-block__title">内容</Text>
        <Text className="project-block__text">{p.detail}</Text>
        <Kv k="预算" v={yuan(p.budget)} />
        {p.resourcesNeeded && <Kv k="所需资源" v={p.resourcesNeeded} />}
        {p.location && <Kv k="实施地点" v={p.location} />}
        <Kv k="揭榜截止" v={day(p.bidDeadline)} />
        {p.publicityEndsAt && <Kv k="公示截止" v={day(p.publicityEndsAt)} />}
        {p.demandIds.length > 0 && (
          <View className="kv">
            <Text className="kv__k">来自点单</Text>
            <View className="kv__v">
              {p.demandIds.map((d, i) => (
                <Text key={d} className="add-link" onClick={() => void Taro.navigateTo({ url: Paths.demand(d) })}>
                  群众点单 {i + 1} ›
                </Text>
              ))}
            </View>
          </View>
        )}
      </View>
      <View className="card criteria">
        <Text className="project-block__title">评分标准</Text>
        {p.criteria.map((c) => (
          <View key={c.name} className="criteria__row">
            <Text className="criteria__name">{c.name}</Text>
            <Text className="criteria__num">权重 {c.weight}%</Text>
            <Text className="criteria__num">满分 {c.max}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/** The reader's part in the 大党委 review, and how far the review is (counts only). */
export function ReviewBlock({ project: p, onScore }: { project: ProjectView; onScore: () => void }) {
  const mine = reviewStateOf(p)
  if (!mine && !p.review) return null
  return (
    <View className="card">
      <Text className="project-block__title">大党委评审</Text>
      {mine && (
        <View>
          <Text className={`review-state review-state--${mine.tone}`}>{mine.label}</Text>
          <Text className="hint">{mine.hint}</Text>
        </View>
      )}
      {p.review && (
        <Text className="project-card__meta">
          可参评委员 {p.review.eligible} 人，已评完 {p.review.scored} 人，法定人数 {p.review.required} 人
          {p.review.closed ? '；评审已结束' : p.review.reached ? '；已达到法定人数' : '；未达到法定人数，评分暂不公开'}
        </Text>
      )}
      {p.recusals && p.recusals.length > 0 && (
        <View>
          {p.recusals.map((r) => (
            <Text key={r.userId} className="project-card__meta">
              回避：{r.name}（{RecusalKindLabels[r.kind]}）
            </Text>
          ))}
        </View>
      )}
      {p.myReview && (p.availableActions.includes('score') || p.availableActions.includes('declareConflict')) && (
        <Button className="reward-card__btn" size="large" type="primary" onClick={onScore}>
          {p.availableActions.includes('score') ? '去评分' : '申报回避'}
        </Button>
      )}
    </View>
  )
}

/** A bid: plan, people and resources, milestones, budget, attachments. */
export function BidBlock({ bid, title, actions, nested }: { bid?: BidView; title?: string; actions?: ReactNode; nested?: boolean }) {
  const body = bid ? (
    <View className={nested ? 'objection' : ''}>
      <View className="project-card__head">
        <Text className="project-card__title">{bid.unitName}</Text>
        <Text className={`tag ${bid.status === 'live' ? 'tag--green' : 'tag--grey'} project-card__status`}>
          {bid.status === 'live' ? '已提交' : '已撤回'}
        </Text>
      </View>
      <Text className="project-block__text">{bid.plan}</Text>
      <Kv k="人员与资源" v={bid.resources} />
      {bid.budget !== undefined && <Kv k="预算" v={yuan(bid.budget)} />}
      {bid.timeline.map((m) => (
        <Kv key={m.title} k={day(m.due)} v={m.title} />
      ))}
      {bid.total !== undefined && <Kv k="评审得分" v={`${bid.total} 分${bid.rank ? `，第 ${bid.rank} 名` : ''}`} />}
      <Photos ids={bid.attachments} />
    </View>
  ) : (
    <Text className="hint">本单位还没有提交方案。</Text>
  )
  if (nested) return body
  return (
    <View className="card">
      {title && <Text className="project-block__title">{title}</Text>}
      {body}
      {actions}
    </View>
  )
}

/** The ranking after the review closed; staff award from here. */
export function Ranking({
  results,
  award,
  onAward,
}: {
  results: ResultsAnswer
  award?: ProjectView['award']
  onAward?: (bid: RankedBid) => void
}) {
  return (
    <View className="card ranking">
      <Text className="project-block__title">评审结果</Text>
      <Text className="hint">
        {results.review.scored} 位委员评分（法定人数 {results.review.required}）。{results.tieBreakRule}
      </Text>
      {results.ranking.map((r) => (
        <View key={r.bidId} className="ranking__item">
          <View className="ranking__row">
            <Text className="ranking__place">{r.rank}</Text>
            <Text className="ranking__name">
              {r.unitName}
              {award?.bidId === r.bidId ? '（揭榜单位）' : ''}
            </Text>
            <Text className="ranking__total">{r.total} 分</Text>
          </View>
          <Text className="project-card__meta">
            {Object.entries(r.byCriterion)
              .map(([k, v]) => `${k} ${v}`)
              .join(' · ')}
          </Text>
          {onAward && (
            <Button
              className="reward-card__btn"
              size="small"
              fill={r.rank === 1 ? 'solid' : 'outline'}
              type="primary"
              onClick={() => onAward(r)}
            >
              定为揭榜单位
            </Button>
          )}
        </View>
      ))}
    </View>
  )
}

export function AwardBlock({ project: p, bid }: { project: ProjectView; bid?: BidView }) {
  const a = p.award!
  return (
    <View className="card">
      <Text className="project-block__title">揭榜单位</Text>
      <Text className="review-state review-state--done">{a.unitName}</Text>
      <Kv k="评审排名" v={`第 ${a.rank} 名${a.againstRanking ? '（未按排名定标）' : ''}`} />
      {a.reason && <Kv k="定标理由" v={a.reason} />}
      <Kv k="定标时间" v={day(a.at)} />
      {p.publicityEndsAt && <Kv k="公示截止" v={day(p.publicityEndsAt)} />}
      {bid && bid.timeline.length > 0 && <Kv k="实施节点" v={bid.timeline.map((m) => `${m.title}（${day(m.due)}）`).join('；')} />}
    </View>
  )
}

export function Objections({ items, onAnswer }: { items: Objection[]; onAnswer?: (o: Objection) => void }) {
  return (
    <View className="card">
      <Text className="project-block__title">公示异议（{items.length}）</Text>
      {items.length === 0 && <Text className="hint">公示期内暂无异议。</Text>}
      {items.map((o) => (
        <View key={o._id} className="objection">
          <View className="project-card__head">
            <Text className="project-card__title">{o.userName}</Text>
            <Text className={`tag ${o.status === 'open' ? 'tag--orange' : 'tag--green'} project-card__status`}>
              {ObjectionStatusLabels[o.status]}
            </Text>
          </View>
          <Text className="project-block__text">{o.reason}</Text>
          <Text className="project-card__meta">{formatTime(o.createdAt, Date.now())}</Text>
          {o.answer && <Text className="objection__answer">社区答复：{o.answer}</Text>}
          {o.status === 'open' && onAnswer && (
            <Button className="reward-card__btn" size="large" type="primary" onClick={() => onAnswer(o)}>
              答复
            </Button>
          )}
        </View>
      ))}
    </View>
  )
}

export function Reports({ items }: { items: ProgressReport[] }) {
  return (
    <View className="card">
      <Text className="project-block__title">进度报告</Text>
      {items.length === 0 && <Text className="hint">揭榜单位还没有报告进度。</Text>}
      {items.map((r) => (
        <View key={r._id} className="objection">
          <Text className="review-state review-state--done">
            {r.progress}%{r.milestone ? ` · ${r.milestone}` : ''}
          </Text>
          <Text className="project-block__text">{r.note}</Text>
          <Text className="project-card__meta">
            {r.userName} · {formatTime(r.createdAt, Date.now())}
          </Text>
          <Photos ids={r.photos} />
        </View>
      ))}
    </View>
  )
}

export function Acceptance({ acceptance: a }: { acceptance: AcceptanceRecord }) {
  return (
    <View className="card">
      <Text className="project-block__title">验收</Text>
      <Text className="stars__row">
        {[1, 2, 3, 4, 5].map((n) => (
          <Text key={n} className={`stars__star${n <= a.rating ? ' stars__star--on' : ''}`}>
            ★
          </Text>
        ))}
      </Text>
      <Kv k="验收人" v={a.byName} />
      <Kv k="验收时间" v={day(a.at)} />
      <Kv k="是否按期" v={a.onTime ? '按期完成' : '逾期完成'} />
      {a.note && <Kv k="验收意见" v={a.note} />}
    </View>
  )
}

/** Every step, newest first: who, when, why. */
export function TimelineBlock({ project: p }: { project: ProjectView }) {
  const now = Date.now()
  const list = [...p.timeline].reverse()
  return (
    <View className="card">
      <Text className="project-block__title">进程记录</Text>
      <View className="timeline">
        {list.map((e, i) => (
          <View key={`${e.at}-${i}`} className={`timeline__item ${i === 0 ? 'timeline__item--latest' : ''}`}>
            <View className="timeline__dot" />
            <View className="timeline__body">
              <View className="timeline__head">
                <Text className="timeline__title">{ProjectActionLabels[e.action] ?? e.action}</Text>
                {e.to && <Text className="timeline__status">{ProjectStatusLabels[e.to]}</Text>}
              </View>
              <Text className="timeline__time">
                {e.byName} · {formatTime(e.at, now)}
              </Text>
              {e.reason && <Text className="timeline__note">{e.reason}</Text>}
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}
