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
      path: '/_emulator/subscriptions',
      // { openid, templateIds, count? }: what accepting in wx.requestSubscribeMessage grants.
      handle: async (req, res) => {
        const body = parseJson(await readBody(req))
        const { openid, templateIds, count = 1 } = body as { openid?: unknown; templateIds?: unknown; count?: unknown }
        const ids = Array.isArray(templateIds) ? templateIds.filter((id): id is string => typeof id === 'string' && id !== '') : []
        if (typeof openid !== 'string' || !openid || ids.length === 0 || typeof count !== 'number' || !(count >= 1))
          return sendJson(res, 400, { code: 'INVALID_PARAM', message: 'openid, templateIds and a count of at least 1 are required' })
        const left = Object.fromEntries(ids.map((id) => [id, emulator.openapi.grantSubscription(openid, id, Math.floor(count))]))
        sendJson(res, 200, { openid, subscriptions: left })
      },
    },
    {
      method: 'GET',
      path: '/_emulator/subscriptions',
      handle: (_req, res) =>
        sendJson(res, 200, { subscriptions: emulator.openapi.subscriptions(), templates: emulator.openapi.templates() }),
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
