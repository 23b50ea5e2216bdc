import { useCallback, useEffect, useRef, useState } from 'react'
import { callFunction, SERVICE_ERROR_MESSAGE, type FunctionResult } from '../../services/cloud'

export interface PingData {
  openid: string
  /** ISO 8601 */
  serverTime: string
  env: string
}

export type PingState = { status: 'loading' } | { status: 'ok'; data: PingData } | { status: 'error'; message: string }

/**
 * Calls `system.ping` whenever `caller` changes (and on `retry`). Only the answer to the latest
 * call is kept, so switching personas quickly never shows a stale OPENID.
 */
export function usePing(caller: string): { state: PingState; retry: () => void } {
  const [state, setState] = useState<PingState>({ status: 'loading' })
  const latest = useRef(0)

  const run = useCallback(async () => {
    const id = ++latest.current
    setState({ status: 'loading' })
    let next: PingState
    try {
      const result = await callFunction<FunctionResult<PingData>>('system', { action: 'ping' })
      if (result && result.ok) next = { status: 'ok', data: result.data }
      else next = { status: 'error', message: result?.error?.message || SERVICE_ERROR_MESSAGE }
    } catch (error) {
      next = { status: 'error', message: error instanceof Error ? error.message : SERVICE_ERROR_MESSAGE }
    }
    if (id === latest.current) setState(next)
  }, [])

  useEffect(() => {
    void run()
  }, [caller, run])

  return { state, retry: () => void run() }
}
