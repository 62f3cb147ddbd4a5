import { type QueryClient, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useSyncExternalStore } from 'react'
import type { ChatSummary } from './api-types'
import { isChatListKey } from './chat-api'

// Unread messages shown outside the page: "(3)" in front of the tab's title, a dot on the tab's icon, and the
// installed app's badge. The count comes from the chat lists in the query cache (the chats feature keeps them live).

/** Above this the count reads "999+" (the server caps each chat's count at 1,000). */
const shownUpTo = 999

/** Unread messages across chats. */
export function unreadTotal(chats: readonly ChatSummary[] | undefined): number {
  return (chats ?? []).reduce((sum, chat) => sum + Math.max(0, chat.unreadCount), 0)
}

/** "(3) " in front of a title, "(999+) " beyond 999, nothing when all is read. */
export function unreadPrefix(unread: number): string {
  if (unread <= 0) return ''
  return `(${unread > shownUpTo ? `${shownUpTo}+` : unread}) `
}

/**
 * The tab's title with the count in front, so it shows in a narrow tab: "(3) Класс 5А · Сфера". `added` is the prefix
 * put there before, taken off first (a screen that sets its own title has none).
 */
export function tabTitle(title: string, unread: number, added = ''): string {
  const plain = added && title.startsWith(added) ? title.slice(added.length) : title
  return unreadPrefix(unread) + plain
}

export function faviconHref(unread: number): string {
  return unread > 0 ? '/favicon-unread.svg' : '/favicon.svg'
}

/** All unread messages of the chat lists held (every school's I opened), or null while none is loaded. */
export function heldUnread(queryClient: QueryClient): number | null {
  const lists = queryClient.getQueriesData<ChatSummary[]>({ predicate: (query) => isChatListKey(query.queryKey) })
  const loaded = lists.filter(([, data]) => data !== undefined)
  return loaded.length === 0 ? null : loaded.reduce((sum, [, data]) => sum + unreadTotal(data), 0)
}

function setAppBadge(unread: number) {
  const badge = navigator as Navigator & {
    setAppBadge?: (n: number) => Promise<void>
    clearAppBadge?: () => Promise<void>
  }
  // Only an installed app shows it; elsewhere the call may refuse, which is fine.
  const done = unread > 0 ? badge.setAppBadge?.(unread) : badge.clearAppBadge?.()
  done?.catch(() => undefined)
}

/** Mounted once by the layout: keeps the title, the tab's icon and the app's badge in step with the unread count. */
export function useUnreadSignals() {
  const queryClient = useQueryClient()
  const unread = useSyncExternalStore(
    (listener) => queryClient.getQueryCache().subscribe(listener),
    () => heldUnread(queryClient),
  )
  const added = useRef('')

  useEffect(() => {
    // Not known (no chat list opened yet): the badge a push set stays as it is.
    if (unread === null) return
    document.querySelector('link[rel="icon"]')?.setAttribute('href', faviconHref(unread))
    setAppBadge(unread)
  }, [unread])

  useEffect(() => {
    const count = unread ?? 0
    // Screens set their own titles (Page, the chat screen): the count goes in front of whatever they set.
    const apply = () => {
      const next = tabTitle(document.title, count, added.current)
      added.current = unreadPrefix(count)
      if (document.title !== next) document.title = next
    }
    apply()
    const title = document.querySelector('title')
    if (!title) return
    const observer = new MutationObserver(apply)
    observer.observe(title, { childList: true, characterData: true, subtree: true })
    return () => observer.disconnect()
  }, [unread])
}
