/**
 * An export as the person follows it: a small file is usually made within the call and handed
 * out at once; a larger one is polled while the stats timer makes it (within about a minute),
 * then handed out. Polling stops when the page goes.
 */
import { useEffect, useRef, useState } from 'react'
import { exportNext } from '../../../logic/stats'
import { messageOf } from '../../../services/api'
import { stats, type ExportSheet, type ExportStatus, type Scoped } from './stats-api'

const POLL_MS = 2000

export interface ExportJobState {
  status?: ExportStatus
  starting: boolean
  error: string
  start: (input: Scoped & { sheet: ExportSheet }) => void
}

export function useExport(): ExportJobState {
  const [status, setStatus] = useState<ExportStatus | undefined>()
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState('')
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const alive = useRef(true)
  useEffect(
    () => () => {
      alive.current = false
      clearTimeout(timer.current)
    },
    [],
  )

  function follow(next: ExportStatus) {
    setStatus(next)
    if (exportNext(next) === 'poll') timer.current = setTimeout(() => void poll(next.jobId), POLL_MS)
  }

  async function poll(jobId: string) {
    try {
      const next = await stats.exportStatus(jobId)
      if (!alive.current) return
      setError('')
      follow(next)
    } catch (e) {
      // A lost answer is no reason to give up on a job that is still being made: ask again.
      if (alive.current) {
        setError(messageOf(e))
        timer.current = setTimeout(() => void poll(jobId), POLL_MS * 2)
      }
    }
  }

  async function start(input: Scoped & { sheet: ExportSheet }) {
    clearTimeout(timer.current)
    setStarting(true)
    setError('')
    setStatus(undefined)
    try {
      const job = await stats.export(input)
      if (!alive.current) return
      follow(job)
    } catch (e) {
      if (alive.current) setError(messageOf(e))
    } finally {
      if (alive.current) setStarting(false)
    }
  }

  return { status, starting, error, start: (input) => void start(input) }
}
