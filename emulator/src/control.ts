/** `/_emulator/*`: a small control API for tests and tools that run in another process. */
import type { HttpRoute } from './service'
import type { Emulator } from './index'
import { readBody, parseJson } from './http/body'
import { sendJson } from './http/envelope'

export function controlRoutes(emulator: Emulator): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: '/_emulator/info',
      handle: (_req, res) =>
        sendJson(res, 200, { url: emulator.url, dataDir: emulator.dataDir, now: emulator.clock.now(), totals: emulator.totals }),
    },
    {
      method: 'POST',
      path: '/_emulator/clock',
      // { advanceMs } moves the clock; { set } pins it to a time; {} resets it.
      handle: async (req, res) => {
        const body = parseJson(await readBody(req))
        if (typeof body.advanceMs === 'number') emulator.clock.advance(body.advanceMs)
        else if (body.set !== undefined) emulator.clock.set(new Date(body.set as string | number))
        else emulator.clock.reset()
        sendJson(res, 200, { now: emulator.clock.now() })
      },
    },
    {
      method: 'POST',
      path: '/_emulator/timers/:function/:trigger',
      // Fires a timer trigger once, as the schedule would, and answers how the run went.
      handle: async (_req, res, match) => {
        const { function: functionName, trigger } = match.params as { function: string; trigger: string }
        let run: Awaited<ReturnType<typeof emulator.functions.fireTimer>>
        try {
          run = await emulator.functions.fireTimer(functionName, trigger)
        } catch (error) {
          return sendJson(res, 404, { code: 'NOT_FOUND', message: (error as Error).message })
        }
        sendJson(res, 200, { result: run.result ?? null, error: run.error, invocation: run.stats })
      },
    },
  ]
}
