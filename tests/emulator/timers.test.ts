/** Timer triggers on their schedule (the function-host tests fire them on demand). */
import { join } from 'node:path'
import { useEmulator } from '../helpers/emulator'

const t = useEmulator({ collections: ['notes', 'ticks'], functionsDir: join(__dirname, '../fixtures/functions'), timers: true })

test('a "* * * * * * *" trigger fires about once a second without anyone calling', async () => {
  const deadline = Date.now() + 5000
  let count = 0
  while (Date.now() < deadline && count < 2) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    count = (await t.db.collection('ticks').count()).total
  }
  expect(count).toBeGreaterThanOrEqual(2)
  // A run may fire before the test has created its collections; count the ones that worked.
  const runs = t.emulator.functions.invocations().filter((s) => s.functionName === 'tick')
  expect(runs.filter((s) => !s.error).length).toBeGreaterThanOrEqual(2)
  expect(runs.every((s) => s.openid === '')).toBe(true)
})
