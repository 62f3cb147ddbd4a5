import { type RefObject, useEffect, useEffectEvent, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import type { useHistory } from './api'
import type { VirtualLogHandle } from './VirtualLog'

/**
 * Moving through the history: to a message (pins, replies, reminders, search results opened with `?at=<seq>`),
 * which is then highlighted for a while and focused, to the first unread one, and to the newest.
 */
export function useJumps(
  history: ReturnType<typeof useHistory>,
  log: RefObject<VirtualLogHandle | null>,
  firstUnreadSeq: number | null,
  loaded: boolean,
) {
  const [searchParams, setSearchParams] = useSearchParams()
  const at = Number(searchParams.get('at')) || null
  const [target, setTarget] = useState<string | null>(null)

  async function jumpToSeq(seq: number, highlight = false) {
    const id = await history.jumpTo(seq)
    if (seq === firstUnreadSeq && !highlight) log.current?.scrollToKey('unread')
    else if (id) log.current?.scrollToKey(id)
    if (highlight && id) setTarget(id)
  }

  // The highlight of a message jumped to fades after a while (the focus stays).
  useEffect(() => {
    if (!target) return
    const timer = setTimeout(() => setTarget(null), 4_000)
    return () => clearTimeout(timer)
  }, [target])

  // Opened at a message (a search result): ?at=<seq>, once the history has loaded; the parameter is dropped once
  // the jump is done.
  const openAt = useEffectEvent(async (seq: number) => {
    try {
      await jumpToSeq(seq, true)
    } finally {
      setSearchParams(
        (params) => {
          params.delete('at')
          return params
        },
        { replace: true },
      )
    }
  })
  useEffect(() => {
    // oxlint-disable-next-line react/set-state-in-effect -- openAt sets state only after an await, not synchronously
    if (at && loaded) void openAt(at)
  }, [at, loaded])

  async function jumpToLatest() {
    await history.jumpToLatest()
    log.current?.scrollToEnd()
  }

  return { target, jumpToSeq, jumpToLatest }
}
