/**
 * One demand of the scale data set, with what its history left behind: the ledger entry of a
 * closed one and the recent notifications it caused. Demand `i` is a pure function of `i`, the
 * people and `now`, so the data set can be written in batches with bounded memory.
 *
 * How a demand comes to be:
 * - its status is drawn like a real community's (most closed, a small active backlog);
 * - the steps that lead there are drawn along one route (assigned to a volunteer or a unit,
 *   or claimed from the task hall), and replayed through the state machine of
 *   shared/src/demand/machine.ts: each step must be allowed from the status it starts in
 *   (and pass the action's guard), and it writes what the function for that action writes;
 * - finished demands are spread over two years at a rate that triples from start to end;
 *   active ones are recent, and placed so that the SLA rules (shared/src/demand/sla.ts) find
 *   each either safely within its deadline or already marked overdue, as the timer running
 *   every 10 minutes would have left it.
 */
const { streamOf } = require('./scale-random.cjs')
const { sharedRules } = require('./shared-rules.cjs')
const text = require('./scale-text.cjs')
const { pad } = require('./scale-people.cjs')

const {
  Categories,
  DemandStatuses,
  FinalStatuses,
  Transitions,
  DefaultPointsPolicy,
  pointsFor,
  SlaRules,
  awardEntryId,
  DefaultSlaPolicy,
  slaTermsFor,
  loadHolderOf,
  slaFields,
  wakeAtOf,
} = sharedRules()

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const DEMAND_SEED = 0xd3a4d
/** Two years of history. */
const SPAN = 730 * DAY
/** The daily rate at the end of the span is this many times the rate at its start. */
const GROWTH = 3
/** Inbox messages are kept for the last 90 days of activity (older ones have long been read). */
const NOTIFY_WINDOW = 90 * DAY

/** Per mille: most demands are closed; about 5% are active. */
const STATUS_WEIGHTS = {
  closed: 860,
  cancelled: 40,
  rejected: 35,
  merged: 15,
  reviewed: 10,
  done: 8,
  in_progress: 12,
  dispatched: 9,
  open: 5,
  accepted: 3,
  submitted: 3,
}
const KIND_WEIGHTS = { service: 55, wish: 15, report: 30 }
/** The due time of active work: none set, safely ahead, or already passed. */
const DUE_PLANS = { none: 20, ahead: 60, overdue: 20 }
/** The status a cancelled demand was cancelled from. */
const CANCELLED_FROM = { submitted: 60, accepted: 20, open: 10, dispatched: 10 }
/** How residents review finished work (or the system confirms it for them after 7 days). */
const REVIEWS = { rate: 60, confirm: 22, confirmThenRate: 10, system: 8 }
const STARS = { 5: 70, 4: 20, 3: 7, 2: 2, 1: 1 }
const CATEGORIES_BY_KIND = Object.fromEntries(Object.keys(KIND_WEIGHTS).map((k) => [k, Categories.filter((c) => c.kind === k)]))
const FINAL = new Set(FinalStatuses)

/** Hours between a step and the one before it. */
const GAP_HOURS = {
  accept: [0.5, 20],
  reject: [0.5, 20],
  merge: [0.5, 20],
  assign: [0.2, 12],
  publish: [0.2, 12],
  claim: [0.5, 48],
  acceptAssignment: [0.2, 18],
  decline: [0.5, 18],
  start: [1, 48],
  progress: [2, 48],
  complete: [1, 72],
  reopen: [2, 72],
  confirm: [1, 120],
  rate: [1, 120],
  close: [2, 120],
  cancel: [1, 48],
}
const URGENT_TRIAGE_HOURS = [0.1, 1.5]

/** What the owner is told about a step someone else took (the functions' announcements). */
const OWNER_MESSAGES = {
  accept: ['demand.accepted', '社区已受理您的点单'],
  reject: ['demand.rejected', '您的点单未被受理'],
  merge: ['demand.merged', '您的点单已与同类问题合并办理'],
  assign: ['demand.dispatched', '已派给{name}'],
  publish: ['demand.published', '已发布到任务大厅，等待志愿者认领'],
  claim: ['demand.claimed', '{name}已认领，将为您服务'],
  acceptAssignment: ['demand.acceptedByAssignee', '{name}已接单'],
  start: ['demand.started', '{name}已开始服务'],
  progress: ['demand.progress', '服务有新进展'],
  complete: ['demand.done', '服务已完成，请确认并评价'],
  confirm: ['demand.autoConfirmed', '点单已自动确认'],
  close: ['demand.closed', '点单已办结销号'],
}
const SYSTEM = { id: 'system', name: '系统' }

for (const action of Object.keys(GAP_HOURS))
  if (!Transitions[action]) throw new Error(`seeds: ${action} is not an action of the state machine`)

/** The first draws of demand `i`: enough to find a duplicate of the same problem to merge into. */
function headOf(i, world) {
  const rng = streamOf(DEMAND_SEED, i)
  const community = pickCommunity(rng.next(), world.communities)
  const kind = rng.weighted(KIND_WEIGHTS)
  const category = rng.pick(CATEGORIES_BY_KIND[kind])
  const [title, detail] = rng.pick(text.DEMAND_TEXT[category.id] ?? [[category.label, `${category.label}，请社区帮忙。`]])
  return { rng, community, kind, category, title, detail }
}

function pickCommunity(u, communities) {
  let r = u * communities.reduce((s, c) => s + c.weight, 0)
  for (const c of communities) if ((r -= c.weight) < 0) return c
  return communities[communities.length - 1]
}

/**
 * Demand number `i` (0-based) and what it left: pushes onto `out.demands`, `out.ledger` and
 * `out.notifications`. The first demands take every status in turn, so even a small data set
 * has each of them.
 */
function generateDemand(i, world, now, out) {
  const { rng, community: c, kind, category, title, detail } = headOf(i, world)
  const status = i < DemandStatuses.length ? DemandStatuses[i] : rng.weighted(STATUS_WEIGHTS)
  const owner = rng.pick(c.residents)
  const gridWorker = c.gridWorkers.get(owner.gridId)
  const creator = gridWorker && rng.chance(0.05) ? gridWorker : owner
  const urgency = rng.chance(kind === 'report' ? 0.2 : 0.06) ? 'urgent' : 'normal'
  const handler = rng.pick(c.staff)
  const unit = world.units.get(text.UNIT_FOR_CATEGORY[category.id])
  const route =
    status === 'open' ? 'hall' : unit && rng.chance(0.35) ? 'unit' : rng.chance(kind === 'wish' ? 0.5 : 0.15) ? 'hall' : 'volunteer'
  const steps = stepsFor(status, route, rng)

  // People for the steps.
  const volunteerFor = (avoid) => {
    const near = c.volunteersByGrid.get(owner.gridId)
    const pool = near.length > 0 && rng.chance(0.6) ? near : c.volunteers
    let v = rng.pick(pool)
    if (avoid && v.id === avoid.id)
      v = pool.length > 1 ? pool[(pool.indexOf(v) + 1) % pool.length] : (c.volunteers.find((x) => x.id !== avoid.id) ?? v)
    return v
  }
  const requested = rng.chance(0.2) ? category.defaultPoints + rng.int(-5, 10) : undefined
  const points = pointsFor(kind, category.id, requested, DefaultPointsPolicy)
  let worker = route === 'unit' ? { type: 'unit', ...unit, contact: unit.contact } : { type: 'volunteer', ...volunteerFor() }
  for (const step of steps) {
    if (step.action === 'assign') {
      if (step.again) worker = { type: 'volunteer', ...volunteerFor(worker) }
      step.worker = worker
    }
  }

  // When: lay the steps out from the creation time.
  let total = 0
  for (const step of steps) {
    const [a, b] = step.system
      ? [(SlaRules.autoConfirmMs + MINUTE) / HOUR, (SlaRules.autoConfirmMs + 10 * MINUTE) / HOUR]
      : urgency === 'urgent' && (step.action === 'accept' || step.action === 'reject')
        ? URGENT_TRIAGE_HOURS
        : GAP_HOURS[step.action]
    total += Math.round(rng.between(a, b) * HOUR)
    step.offset = total
  }
  let createdAt
  if (FINAL.has(status)) {
    createdAt = growthTime(rng.next(), now)
    if (createdAt + total > now - HOUR) createdAt = now - HOUR - total
  } else {
    createdAt = now - stayFor(status, steps, urgency, rng) - total
  }

  // Due times: for active work, either safely ahead, overdue by now, or none.
  const last = steps[steps.length - 1]?.action
  const workAhead = (status === 'dispatched' && last !== 'assign') || status === 'in_progress'
  for (const step of steps) {
    if (step.action !== 'assign' && step.action !== 'publish') continue
    const at = createdAt + step.offset
    const index = steps.indexOf(step)
    const isLastOffer = index === lastOfferIndex(steps)
    if (isLastOffer && workAhead) {
      // Due after the work was taken on (assigned, or claimed from the hall).
      const from = createdAt + (steps[index + 1]?.offset ?? step.offset)
      const plan = rng.weighted(DUE_PLANS)
      if (plan === 'overdue' && from + 2 * HOUR < now - HOUR) step.dueAt = Math.round(rng.between(from + 2 * HOUR, now - HOUR))
      else if (plan !== 'none') step.dueAt = Math.round(now + rng.between(2 * HOUR, 10 * DAY))
    } else if (isLastOffer && !FINAL.has(status) && (status === 'open' || status === 'dispatched')) {
      if (rng.chance(0.6)) step.dueAt = Math.round(now + rng.between(1 * DAY, 10 * DAY))
    } else if (rng.chance(0.7)) {
      step.dueAt = Math.round(at + rng.between(1 * DAY, 7 * DAY))
    }
  }

  // Replay through the state machine.
  const id = `demand-${pad(i + 1, 7)}`
  const d = submitted({
    id,
    kind,
    category: category.id,
    title,
    detail,
    c,
    owner,
    creator,
    urgency,
    requestId: `scale-request-${i + 1}`,
    createdAt,
    preferredTime: kind === 'service' && rng.chance(0.3) ? rng.pick(['工作日上午', '周末全天', '下午三点以后']) : undefined,
  })
  const notifications = []
  const notify = (recipientId, at, type, title_, body) => {
    if (at < now - NOTIFY_WINDOW) return
    // One event row per message, as `publish` writes them; sent long ago by the notify queue.
    notifications.push({
      _id: `${id}-n${notifications.length + 1}`,
      audience: [`user:${recipientId}`],
      type,
      title: title_,
      body: body ?? title,
      demandId: id,
      page: `pages/index/index?demandId=${id}`,
      actorId: '',
      at,
      send: { state: 'sent', doneAt: at },
    })
  }
  for (const s of c.staff) if (s.id !== creator.id) notify(s.id, createdAt, 'demand.submitted', '有新的点单待受理')

  let ownerNews
  for (const step of steps) {
    const at = createdAt + step.offset
    const actor = actorOf(step, { handler, owner, creator, worker, street: world.streetStaff[0] })
    apply(d, step, at, actor, { rng, points, world, i, c, category })
    if (actor.id !== owner.id && OWNER_MESSAGES[step.action]) ownerNews = { at, step, name: d.assignee?.name ?? '' }
    if (step.action === 'assign' && step.worker.type === 'volunteer')
      notify(step.worker.id, at, 'task.assigned', '您有新的派单，请及时接单')
  }
  if (ownerNews) {
    const [type, template] = OWNER_MESSAGES[ownerNews.step.action]
    notify(owner.id, ownerNews.at, type, template.replace('{name}', ownerNews.name))
  }

  applyDerived(d, derivedFields(d, now))

  out.demands.push(d)
  for (const n of notifications) out.notifications.push(n)
  if (d.status === 'closed' && d.assignee && d.assignee.points > 0) {
    const close = d.timeline[d.timeline.length - 1]
    out.ledger.push({
      _id: awardEntryId(id),
      ownerType: d.assignee.type === 'unit' ? 'unit' : 'user',
      ownerId: d.assignee.id,
      delta: d.assignee.points,
      reason: 'demand_closed',
      demandId: id,
      note: `完成「${d.title}」`,
      createdAt: close.at,
      createdBy: close.actorId,
    })
  }
  return d
}

/** A demand as `demand.create` (or `createOnBehalf`, when the creator is not the owner) stores it. */
function submitted({ id, kind, category, title, detail, c, owner, creator, urgency, requestId, createdAt, preferredTime }) {
  return {
    _id: id,
    kind,
    category,
    title,
    detail,
    photos: [],
    address: owner.address,
    streetId: c.streetId,
    communityId: c.id,
    gridId: owner.gridId,
    urgency,
    ...(preferredTime ? { preferredTime } : {}),
    contactName: owner.name,
    contactPhone: owner.phone,
    ownerId: owner.id,
    createdBy: creator.id,
    requestId,
    status: 'submitted',
    createdAt,
    updatedAt: createdAt,
    timeline: [
      {
        at: createdAt,
        action: 'create',
        to: 'submitted',
        actorId: creator.id,
        actorName: creator.name,
        ...(creator !== owner ? { note: `网格员代${owner.name}点单` } : {}),
      },
    ],
    version: 1,
  }
}

/**
 * A demand taken along `actions` by the people given (benchmarks need demands in a given
 * status to act on): the same replay through the state machine, one step every ten minutes
 * up to a minute before `now`, due times two days ahead.
 * `community`: { id, streetId }; `owner`: { id, name, phone, gridId, address }; `staff`:
 * { id, name }; `worker`: { type, id, name, contact? } (a unit acts through its contact).
 */
function fixtureDemand({
  id,
  now,
  community,
  owner,
  staff,
  worker,
  actions,
  kind = 'service',
  category = 'repair',
  title = '家里电视没有信号',
  points = 15,
}) {
  const step = 10 * MINUTE
  const createdAt = now - MINUTE - actions.length * step
  const [, detail] = text.DEMAND_TEXT[category]?.[0] ?? [title, title]
  const d = submitted({
    id,
    kind,
    category,
    title,
    detail,
    c: community,
    owner,
    creator: owner,
    urgency: 'normal',
    requestId: `${id}-request`,
    createdAt,
  })
  const rng = streamOf(DEMAND_SEED, createdAt % 1_000_000)
  const who = { handler: staff, owner, creator: owner, worker, street: staff }
  actions.forEach((action, k) => {
    const s = { action, worker, dueAt: action === 'assign' || action === 'publish' ? now + 2 * DAY : undefined }
    apply(d, s, createdAt + (k + 1) * step, actorOf(s, who), { rng, points, c: community, category })
  })
  return applyDerived(d, derivedFields(d, now))
}

/**
 * DERIVED FIELDS: the one place where fields the functions compute from a demand's state and
 * store with it are computed for generated demands and fixtures alike (a stored deadline and
 * the time the SLA timer must next look at it belong here, from shared/src/demand/sla.ts).
 * Called once the demand's status, timeline and overdue mark are final; answers the fields.
 */
function derivedFields(d, now) {
  // Its points bounds and whose load counter includes it, as the settle timer leaves them.
  const holder = loadHolderOf(d)
  const settled = { pointsTerms: DefaultPointsPolicy, loadOf: holder }
  return { ...settled, ...deadlineFields(d, now) }
}

function deadlineFields(d, now) {
  // The deadline of the stage it waits in, under the default policy, from when it entered it;
  // one missed long enough ago is escalated as the timer would have done (a write per level).
  const slaTerms = slaTermsFor(DefaultSlaPolicy, d)
  const enteredAt = d.timeline[d.timeline.length - 1].at
  const fields = slaFields({ ...d, slaTerms, sla: undefined }, enteredAt)
  if (!fields.sla) return { slaTerms, sla: undefined, wakeAt: undefined, overdue: undefined }
  if (fields.sla.dueAt > now || fields.sla.stage === 'confirm') return { slaTerms, ...fields }
  const streetAt = fields.sla.dueAt + slaTerms.street * HOUR
  const level = streetAt <= now ? 2 : 1
  const sla = { stage: fields.sla.stage, dueAt: fields.sla.dueAt, level }
  const overdue = { since: sla.dueAt, stage: sla.stage, ...(level === 2 ? { escalatedAt: streetAt } : {}) }
  return { slaTerms, sla, wakeAt: wakeAtOf(sla, slaTerms), overdue, version: d.version + level }
}

/** Sets the derived fields on `d`; an undefined one is left out (stored documents have no undefined). */
function applyDerived(d, fields) {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) delete d[key]
    else d[key] = value
  }
  return d
}

/** The actions from `submitted` to `status`, along `route`. */
function stepsFor(status, route, rng) {
  const steps = []
  const add = (action, more) => steps.push({ action, ...more })
  switch (status) {
    case 'submitted':
      return steps
    case 'rejected':
      add('reject')
      return steps
    case 'merged':
      if (rng.chance(0.4)) add('accept')
      add('merge')
      return steps
    case 'cancelled': {
      const at = rng.weighted(CANCELLED_FROM)
      if (at !== 'submitted') add('accept')
      if (at === 'open') add('publish')
      if (at === 'dispatched') add('assign')
      add('cancel')
      return steps
    }
  }
  add('accept')
  if (status === 'accepted') {
    if (route !== 'hall' && rng.chance(0.15)) {
      add('assign')
      add('decline')
    }
    return steps
  }
  if (route === 'hall') {
    add('publish')
    if (status === 'open') return steps
    add('claim')
  } else {
    add('assign')
    if (route === 'volunteer' && rng.chance(0.06)) {
      add('decline')
      add('assign', { again: true })
    }
    if (status === 'dispatched' && rng.chance(0.5)) return steps
    add('acceptAssignment')
  }
  if (status === 'dispatched') return steps
  add('start')
  if (rng.chance(0.25)) add('progress')
  if (status === 'in_progress') return steps
  add('complete')
  if (rng.chance(0.03)) {
    add('reopen')
    add('complete')
  }
  if (status === 'done') return steps
  const review = rng.weighted(REVIEWS)
  if (review === 'system') add('confirm', { system: true })
  else if (review === 'rate') add('rate')
  else {
    add('confirm')
    if (review === 'confirmThenRate') add('rate')
  }
  if (status === 'reviewed') return steps
  add('close', { street: rng.chance(0.1) })
  return steps
}

function lastOfferIndex(steps) {
  for (let k = steps.length - 1; k >= 0; k--) if (steps[k].action === 'assign' || steps[k].action === 'publish') return k
  return -1
}

/** How long an active demand has been in its status: within its SLA deadline, or (some) past it. */
function stayFor(status, steps, urgency, rng) {
  const overdue = rng.chance(0.25)
  switch (status) {
    case 'submitted': {
      const triage = SlaRules.triageMs[urgency]
      return Math.round(overdue ? triage + rng.between(HOUR, 48 * HOUR) : rng.between(5 * MINUTE, triage - HOUR))
    }
    case 'dispatched':
      if (steps[steps.length - 1].action === 'assign') {
        const limit = SlaRules.acceptanceMs
        return Math.round(overdue ? limit + rng.between(HOUR, 48 * HOUR) : rng.between(10 * MINUTE, limit - HOUR))
      }
      return Math.round(rng.between(HOUR, 72 * HOUR))
    case 'done':
      // Completed less than 7 days ago: not yet for the system to confirm.
      return Math.round(rng.between(HOUR, SlaRules.autoConfirmMs - DAY / 2))
    case 'open':
    case 'reviewed':
      return Math.round(rng.between(HOUR, 10 * DAY))
    default:
      return Math.round(rng.between(HOUR, 96 * HOUR))
  }
}

/** A creation time in the span, for a rate growing linearly to GROWTH times its start. */
function growthTime(u, now) {
  const a = (GROWTH - 1) / 2
  const t = (-1 + Math.sqrt(1 + 4 * a * u * (1 + a))) / (2 * a)
  return Math.round(now - SPAN + t * (SPAN - 3 * DAY))
}

function actorOf(step, who) {
  switch (step.action) {
    case 'accept':
    case 'reject':
    case 'merge':
    case 'assign':
    case 'publish':
      return who.handler
    case 'close':
      return step.street && who.street ? who.street : who.handler
    case 'claim':
    case 'acceptAssignment':
    case 'decline':
    case 'start':
    case 'progress':
    case 'complete':
      return who.worker.type === 'unit' ? who.worker.contact : who.worker
    case 'confirm':
      return step.system ? SYSTEM : who.owner
    case 'cancel':
      return who.creator
    default:
      return who.owner
  }
}

/** One step through the machine, writing what the action's function writes. */
function apply(d, step, at, actor, ctx) {
  const { rng } = ctx
  const t = Transitions[step.action]
  if (!t.from.includes(d.status)) throw new Error(`${d._id}: ${step.action} is not allowed from ${d.status}`)
  const refused = t.guard?.(d)
  if (refused) throw new Error(`${d._id}: ${step.action} refused (${refused})`)
  const to = t.to ?? d.status
  let note
  let hours
  switch (step.action) {
    case 'reject':
      note = rng.pick(text.REJECT_REASONS)
      d.rejectReason = note
      break
    case 'merge': {
      const into = mergeTarget(ctx.i, ctx.world, ctx.c, ctx.category)
      note = `合并到「${into.title}」`
      d.mergedInto = into.id
      break
    }
    case 'assign': {
      const w = step.worker
      d.assignee = {
        type: w.type,
        id: w.id,
        name: w.name,
        assignedAt: at,
        assignedBy: actor.id,
        ...(step.dueAt ? { dueAt: step.dueAt } : {}),
        points: ctx.points,
      }
      delete d.hall
      break
    }
    case 'publish':
      d.hall = { points: ctx.points, ...(step.dueAt ? { dueAt: step.dueAt } : {}), publishedAt: at, publishedBy: actor.id }
      break
    case 'claim':
      d.assignee = {
        type: 'volunteer',
        id: actor.id,
        name: actor.name,
        acceptedAt: at,
        assignedAt: at,
        assignedBy: actor.id,
        ...(d.hall.dueAt ? { dueAt: d.hall.dueAt } : {}),
        points: d.hall.points,
      }
      break
    case 'acceptAssignment':
      d.assignee.acceptedAt = at
      break
    case 'decline':
      note = rng.pick(text.DECLINE_REASONS)
      d.declinedBy = [...new Set([...(d.declinedBy ?? []), d.assignee.id])]
      delete d.assignee
      break
    case 'progress':
      note = rng.pick(text.PROGRESS_NOTES)
      break
    case 'complete':
      note = rng.pick(text.COMPLETE_NOTES)
      hours = Math.round(rng.between(1, 12)) / 2
      d.completion = { note, photos: [], hours, at }
      if (d.assignee.type === 'unit') d.assignee.workerUserId = actor.id
      break
    case 'rate': {
      const stars = Number(rng.weighted(STARS))
      const comment = rng.chance(0.6) ? rng.pick(text.COMMENTS) : undefined
      note = comment
      d.rating = comment ? { stars, comment, at } : { stars, at }
      break
    }
    case 'reopen': {
      const reason = rng.pick(text.REOPEN_REASONS)
      note = d.rating ? `${reason}（原评价 ${d.rating.stars} 星）` : reason
      delete d.rating
      break
    }
    case 'confirm':
      if (step.system) note = '完成后 7 天内未确认，系统自动确认'
      break
    case 'cancel':
      note = rng.chance(0.5) ? rng.pick(text.CANCEL_REASONS) : undefined
      break
    case 'close':
      note = rng.pick(text.CLOSE_NOTES)
      break
  }
  const entry = { at, action: step.action, from: d.status, to, actorId: actor.id, actorName: actor.name }
  if (note) entry.note = note
  if (hours !== undefined) entry.hours = hours
  d.timeline.push(entry)
  d.status = to
  d.updatedAt = at
  d.version += 1
}

/** A demand of the same community about the same problem, near this one (else any of that community). */
function mergeTarget(i, world, community, category) {
  let fallback
  for (let k = 1; k <= 400; k++) {
    for (const j of [i - k, i + k]) {
      if (j < 0 || j >= world.demandCount) continue
      const head = headOf(j, world)
      if (head.community !== community) continue
      const found = { id: `demand-${pad(j + 1, 7)}`, title: head.title }
      if (head.category === category) return found
      fallback ??= found
    }
  }
  if (!fallback) throw new Error(`no demand of ${community.id} to merge demand ${i} into`)
  return fallback
}

module.exports = { generateDemand, fixtureDemand, STATUS_WEIGHTS, NOTIFY_WINDOW, SPAN, GROWTH }
