import { useEffect, useRef, useState } from 'react'
import type { contract } from '@honglin/shared'
import { messageOf } from '../services/api'
import { useRequest, type RequestState } from './use-request'

/** One page of a list paged by key, as the functions answer it. */
export interface KeyPage<T> {
  items: T[]
  hasMore: boolean
  next?: string
  search?: contract.SearchReport
}

export interface PagedList<T> extends RequestState<KeyPage<T>> {
  /** Every item loaded so far, first page first. */
  items: T[]
  /** Whether "加载更多" has something to load. */
  canLoadMore: boolean
  loadingMore: boolean
  /** Why the last "加载更多" failed ('' when it did not). */
  moreError: string
  loadMore: () => void
  /** What the latest page's search looked through, when searching. */
  search?: contract.SearchReport
}

/**
 * The first page as `useRequest` loads it (again when `deps` change, the page shows again or
 * `reload` is called: each starts from the first page), and the following pages on
 * `loadMore`, each by the cursor the previous page answered.
 */
export function usePagedList<T>(
  load: (cursor?: string) => Promise<KeyPage<T>>,
  deps: unknown[],
  options: { enabled?: boolean } = {},
): PagedList<T> {
  const req = useRequest(() => load(), deps, options)
  const [more, setMore] = useState<KeyPage<T> | undefined>(undefined)
  const [extra, setExtra] = useState<T[]>([])
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState('')
  // A page asked for before the list started again (new filter, reload) is not added to it.
  const generation = useRef(0)
  useEffect(() => {
    generation.current += 1
    setMore(undefined)
    setExtra([])
    setMoreError('')
  }, [req.data])
  const last = more ?? req.data
  const next = last?.hasMore ? last.next : undefined

  async function loadMore() {
    if (!next || loadingMore) return
    const asked = generation.current
    setLoadingMore(true)
    setMoreError('')
    try {
      const page = await load(next)
      if (asked !== generation.current) return
      setExtra((items) => [...items, ...page.items])
      setMore(page)
    } catch (error) {
      if (asked === generation.current) setMoreError(messageOf(error))
    } finally {
      setLoadingMore(false)
    }
  }

  return {
    ...req,
    items: [...(req.data?.items ?? []), ...extra],
    canLoadMore: next !== undefined,
    loadingMore,
    moreError,
    loadMore: () => void loadMore(),
    ...(last?.search ? { search: last.search } : {}),
  }
}
