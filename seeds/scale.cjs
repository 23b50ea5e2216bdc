/**
 * The city-scale data set (`--seed scale:<N>`, `SEED=scale:<N> npm start`): the demo data set
 * (street, communities, grids, units, personas and their demands), then N generated demands
 * over two years with a growing rate, in every status, with hundreds of volunteers, thousands
 * of residents, the points ledger of the closed ones and the last 90 days of inbox messages.
 * Deterministic: the same N and `now` give the same documents. Generated documents are written
 * in batches through the emulator's bulk load (emulator/src/database/bulk.ts), so memory stays
 * bounded by one batch; without one (a plain database object) through `insertMany`.
 *
 * Balances: every user's and unit's `pointsBalance` is the sum of their ledger entries (the
 * demo's and the generated ones), so users and units are stored last, once the sums are known.
 * 光荣榜: the rollups (`honours`) count the generated ledger too, by the same shared rules the
 * `points` timer uses (`rollupDeltas`, `applyDelta`), added to the demo's, with the timer's
 * watermark after the newest entry of all: the boards at scale are what the timer would keep.
 */
const seedDemo = require('./demo.cjs')
const { buildWorld } = require('./scale-people.cjs')
const { generateDemand, SPAN } = require('./scale-demands.cjs')
const { sharedRules } = require('./shared-rules.cjs')
const { statsCounter } = require('./scale-stats.cjs')

const { DEFAULT_RETENTION_DAYS, isDueForErasure, erasedContact, rollupDeltas, applyDelta } = sharedRules()

const DEFAULT_DEMANDS = 20_000
/** The `points` timer's watermark (`job_state`), as cloudfunctions/points/rollup.ts keeps it. */
const HONOURS_MARK = 'honours'
const BATCH = 2_000

/**
 * Seeds `emulator` with the demo data plus `demands` generated demands, as of `now` (default:
 * the emulator's clock). Answers a summary: counts per collection and per status.
 */
async function seedScale(emulator, { demands = DEFAULT_DEMANDS, now = emulator.clock.now(), batch = BATCH, log = () => {} } = {}) {
  if (!Number.isInteger(demands) || demands < 0) throw new Error(`scale seed: the number of demands must be a whole number, not ${demands}`)
  const started = Date.now()
  const db = emulator.database
  const counts = {}
  const count = (collection, docs) => (counts[collection] = (counts[collection] ?? 0) + docs.length)

  // The demo data set, as of the same `now`, through the ordinary insert. Users and units wait for their balances.
  const demo = { streets: [], communities: [], grids: [], units: [], users: [], demands: [], points_ledger: [] }
  const held = []
  // The demo's rollups and watermark wait too: the generated ledger is added to them.
  const heldHonours = { honours: [], job_state: [] }
  // The dashboards' counters, as the stats timer would have kept them (seeds/scale-stats.cjs).
  const stats = statsCounter()
  await seedDemo({
    clock: { now: () => now },
    database: {
      insertMany(collection, docs) {
        demo[collection]?.push(...docs)
        if (collection === 'users' || collection === 'units') held.push({ collection, docs })
        else if (collection === 'honours' || (collection === 'job_state' && docs.every((d) => d._id === HONOURS_MARK)))
          heldHonours[collection].push(...docs)
        else if (docs.length > 0) {
          if (collection === 'demands') docs = docs.map((d) => stats.count(d))
          db.insertMany(collection, docs)
          count(collection, docs)
        }
        return docs.map((d) => d._id)
      },
    },
  })

  const world = buildWorld({ demands, spanStart: now - SPAN, demo })
  world.demandCount = demands
  // Sums of the generated ledger; the demo's own entries are already in the demo's balances.
  const balances = new Map()
  // Counts of the generated demands that count toward each assignee; the demo's are in its documents.
  const loads = new Map()
  const byStatus = {}
  let overdue = 0
  const rollups = new Map(heldHonours.honours.map((r) => [r._id, r]))
  let mark = heldHonours.job_state[0]
  const later = (e, m) => !m || e.createdAt > m.createdAt || (e.createdAt === m.createdAt && e._id > m.entryId)
  const communityOfUser = new Map(world.generated.filter((u) => u.volunteer).map((u) => [u._id, u.volunteer.communityId]))
  const streetOfCommunity = new Map(demo.communities.map((c) => [c._id, c.streetId]))
  let counted = mark?.counted ?? 0
  // The generated documents go through the emulator's load (emulator/src/database/bulk.ts) when
  // it has one: the same rows, without the per-document costs of interactive writes.
  const loadAll = db.bulkLoad ? (work) => db.bulkLoad(work) : (work) => work((collection, docs) => db.insertMany(collection, docs))
  await loadAll(async (load) => {
    const write = (collection, docs) => {
      if (docs.length === 0) return
      load(collection, docs)
      count(collection, docs)
    }
    for (let start = 0; start < demands; start += batch) {
      const out = { demands: [], ledger: [], notifications: [] }
      for (let i = start; i < Math.min(demands, start + batch); i++) {
        const d = generateDemand(i, world, now, out)
        // Ended long enough ago, its contact details are erased, as the retention timer would have.
        if (isDueForErasure(d, now, DEFAULT_RETENTION_DAYS)) Object.assign(d, erasedContact(d, now))
        byStatus[d.status] = (byStatus[d.status] ?? 0) + 1
        if (d.overdue) overdue += 1
      }
      for (const e of out.ledger) balances.set(e.ownerId, (balances.get(e.ownerId) ?? 0) + e.delta)
      countHonours(out)
      for (const d of out.demands) if (d.loadOf) loads.set(d.loadOf.id, (loads.get(d.loadOf.id) ?? 0) + 1)
      write(
        'demands',
        out.demands.map((d) => stats.count(d)),
      )
      write('points_ledger', out.ledger)
      write('notifications', out.notifications)
      if (Math.floor((start + batch) / 50_000) > Math.floor(start / 50_000))
        log(`scale seed: ${Math.min(demands, start + batch)} of ${demands} demands`)
      // Let the emulator answer requests (the console, a health check) between batches.
      await new Promise((resolve) => setImmediate(resolve))
    }

    const withBalance = (doc) => ({
      ...doc,
      pointsBalance: (doc.pointsBalance ?? 0) + (balances.get(doc._id) ?? 0),
      activeLoad: (doc.activeLoad ?? 0) + (loads.get(doc._id) ?? 0),
    })
    for (const { collection, docs } of held) write(collection, docs.map(withBalance))
    write('users', world.generated.map(withBalance))
    write('honours', [...rollups.values()])
    if (mark) write('job_state', [{ ...mark, counted }])
    for (const [collection, docs] of Object.entries(stats.documents(now))) {
      for (let i = 0; i < docs.length; i += batch) write(collection, docs.slice(i, i + batch))
    }
  })

  /** Adds a batch's ledger to the rollups, as the timer would, and moves the watermark past it. */
  function countHonours(out) {
    const demandById = new Map(out.demands.map((d) => [d._id, d]))
    const placeOf = (e) => {
      const d = e.demandId && demandById.get(e.demandId)
      if (d) return { communityId: d.communityId, streetId: d.streetId }
      const c = communityOfUser.get(e.ownerId)
      return c && streetOfCommunity.get(c) ? { communityId: c, streetId: streetOfCommunity.get(c) } : undefined
    }
    for (const delta of rollupDeltas(out.ledger, placeOf, (id) => demandById.get(id)?.completion?.hours))
      rollups.set(delta._id, applyDelta(rollups.get(delta._id), delta, now))
    for (const e of out.ledger) if (later(e, mark)) mark = { _id: HONOURS_MARK, createdAt: e.createdAt, entryId: e._id, updatedAt: now }
    counted += out.ledger.length
  }

  return {
    seed: 'scale',
    now,
    generatedDemands: demands,
    demoDemands: demo.demands.length,
    byStatus,
    overdue,
    documents: counts,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  }
}

/** `--seed scale:<N>`: scripts/emulator.mjs passes N in HONGLIN_SEED_ARG. */
async function seed(emulator) {
  const arg = process.env.HONGLIN_SEED_ARG
  const demands = arg ? Number(arg.replace(/[_,]/g, '')) : DEFAULT_DEMANDS
  return seedScale(emulator, { demands, log: (message) => emulator.logger?.info(message) })
}

module.exports = seed
module.exports.seedScale = seedScale
module.exports.DEFAULT_DEMANDS = DEFAULT_DEMANDS
