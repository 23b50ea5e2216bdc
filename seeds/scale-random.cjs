/**
 * Deterministic randomness for the scale data set: every demand (and every generated person)
 * draws from its own stream, keyed by its number, so any one of them can be rebuilt alone and
 * the data set does not depend on the order or the batches it is generated in.
 */

/** A 32-bit hash of a seed and a key (murmur3's finaliser over both). */
function mix(seed, key) {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(key + 0x632be5ab, 0xc2b2ae35)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** mulberry32: a fast generator with a 32-bit state, plenty for picking among a few choices. */
function streamOf(seed, key) {
  let state = mix(seed, key)
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    /** A number in [a, b). */
    between: (a, b) => a + (b - a) * next(),
    /** An integer in [a, b]. */
    int: (a, b) => a + Math.floor((b - a + 1) * next()),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(list.length * next())],
    /** A key of `weights` ({ key: weight }), in proportion to its weight. */
    weighted(weights) {
      const { keys, cumulative, total } = tableOf(weights)
      const r = next() * total
      for (let k = 0; k < keys.length; k++) if (r < cumulative[k]) return keys[k]
      return keys[keys.length - 1]
    },
  }
}

const tables = new WeakMap()

/** Cumulative weights, computed once per weights object (they are module constants or literals in a hot loop). */
function tableOf(weights) {
  let table = tables.get(weights)
  if (!table) {
    const keys = Object.keys(weights)
    let total = 0
    const cumulative = keys.map((k) => (total += weights[k]))
    table = { keys, cumulative, total }
    tables.set(weights, table)
  }
  return table
}

module.exports = { streamOf, mix }
