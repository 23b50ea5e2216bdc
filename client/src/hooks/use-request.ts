import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { messageOf } from '../services/api'

export interface RequestState<T> {
  data: T | undefined
  loading: boolean
  error: string
  /** Loads again (keeps showing the data it has meanwhile). */
  reload: () => void
  setData: (data: T) => void
}

/**
 * Runs `load` when `deps` change, again when the page is shown again (coming back from a page
 * that changed something), and on `reload`. Only the latest answer is kept.
 */
export function useRequest<T>(load: () => Promise<T>, deps: unknown[], options: { enabled?: boolean } = {}): RequestState<T> {
  const { enabled = true } = options
  const [data, setData] = useState<T | undefined>(undefined)
  const [loading, setLoading] = useState(enabled)
  const [error, setError] = useState('')
  const latest = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load
  const shown = useRef(false)

  const run = useCallback(async () => {
    const id = ++latest.current
    setLoading(true)
    setError('')
    try {
      const answer = await loadRef.current()
      if (id === latest.current) setData(answer)
    } catch (e) {
      if (id === latest.current) setError(messageOf(e))
    } finally {
      if (id === latest.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    if (enabled) void run()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps])

  useDidShow(() => {
    if (shown.current && enabled) void run()
    shown.current = true
  })

  return { data, loading, error, reload: () => void run(), setData }
}
