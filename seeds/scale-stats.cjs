/**
 * The statistics counters of a seeded data set, written the way the `stats` timer writes them
 * (cloudfunctions/stats/count.ts): each demand's contribution (shared/src/stats/contribution.ts)
 * stored on it as `counted` and added into the counter documents, and the timer's watermark
 * set past the newest demand, so the timer finds nothing left to count and a dashboard on
 * 200,000 demands reads counters, as it would after the timer had run all along.
 */
const { sharedRules } = require('./shared-rules.cjs')

const { contributionOf, addToCells, packCell, addressMoves, applyAddressMove } = sharedRules()

function statsCounter() {
  const cells = new Map()
  const addresses = new Map()
  let mark
  return {
    /** `demand` with its `counted`, added to the counters. */
    count(demand) {
      const counted = contributionOf(demand)
      addToCells(cells, counted, 1)
      for (const move of addressMoves(undefined, counted))
        addresses.set(move._id, applyAddressMove(addresses.get(move._id), move, demand._id))
      if (!mark || demand.updatedAt > mark.updatedAt || (demand.updatedAt === mark.updatedAt && demand._id > mark.demandId))
        mark = { updatedAt: demand.updatedAt, demandId: demand._id }
      return { ...demand, counted }
    },
    /** The documents to write: counter cells, address counters and the watermark. */
    documents(now) {
      const nonEmpty = (by) => Object.fromEntries(Object.entries(by).filter(([, v]) => Object.keys(v).length > 0))
      return {
        stats_cells: [...cells.values()].map((c) => packCell({ ...c, by: nonEmpty(c.by), ...(c.gc ? { gc: nonEmpty(c.gc) } : {}) })),
        stats_addresses: [...addresses.values()],
        job_state: mark ? [{ _id: 'stats', ...mark, counted: 0, at: now }] : [],
      }
    },
  }
}

module.exports = { statsCounter }
