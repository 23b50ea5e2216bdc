/**
 * The floor every action is compared to: one `doc().get()`, one indexed `where().get()` and
 * the same query on an unindexed field, over 10,000 documents, through the real SDK.
 */
import { measure, printTable, startBenchEmulator } from './lib.mjs'

const DOCS = 10_000
const CATEGORIES = 1_000 // 10 documents per category
const N = Number(process.env.BENCH_N ?? 300)

export async function run() {
  const { emulator, db } = await startBenchEmulator({
    indexes: { items: [{ name: 'category', keys: { category: 1 } }] },
    strictIndexes: true,
  })
  try {
    const docs = Array.from({ length: DOCS }, (_, i) => ({
      _id: `item-${i}`,
      category: `c${i % CATEGORIES}`,
      categoryCopy: `c${i % CATEGORIES}`,
      title: `事项 ${i}`,
      createdAt: new Date(1_700_000_000_000 + i * 1000),
    }))
    emulator.database.insertMany('items', docs)
    const items = db.collection('items')
    const checks = []
    const rows = [
      await measure('doc().get()', N, async (i) => {
        const id = `item-${(i * 37) % DOCS}`
        const res = await items.doc(id).get()
        checks.push(res.data._id === id)
      }),
      await measure('where(indexed).get()', N, async (i) => {
        const res = await items.where({ category: `c${(i * 13) % CATEGORIES}` }).get()
        checks.push(res.data.length === DOCS / CATEGORIES)
      }),
      await measure('where(unindexed).get()', N, async (i) => {
        const res = await items.where({ categoryCopy: `c${(i * 13) % CATEGORIES}` }).get()
        checks.push(res.data.length === DOCS / CATEGORIES)
      }),
    ]
    const bad = checks.map((ok, i) => (ok ? -1 : i)).filter((i) => i >= 0)
    if (bad.length) throw new Error(`${bad.length} benchmark queries returned the wrong documents (first: #${bad[0]})`)
    const unindexed = emulator.database.unindexedQueries().length
    const markdown = printTable(`数据库基准（${DOCS} 条文档，经真实 wx-server-sdk，每项 ${N} 次，每次 1 个往返）`, rows)
    console.log(`strict index mode reported ${unindexed} unindexed queries (expected ${N + Math.min(20, N)})`)
    return { rows, markdown }
  } finally {
    await emulator.stop()
  }
}
