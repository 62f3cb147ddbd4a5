import { useEffect } from 'react'
import type { ChatSummary } from '../../lib/api-types'
import { useChatList } from './api'

/** Above this the count reads "999+" (the server caps each chat's count at 1,000). */
const shownUpTo = 999

/** Unread messages across my chats of one school. */
export function unreadTotal(chats: readonly ChatSummary[] | undefined): number {
  return (chats ?? []).reduce((sum, chat) => sum + Math.max(0, chat.unreadCount), 0)
}

/** "(3) Класс 5А · Сфера": the count first, so it shows in a narrow tab. */
export function tabTitle(title: string, unread: number): string {
  if (unread <= 0) return title
  return `(${unread > shownUpTo ? `${shownUpTo}+` : unread}) ${title}`
}

/** Keeps the tab's title, with the school's unread count in front; the chat list the count comes from is kept live. */
export function useTabTitle(schoolId: string, title: string) {
  const unread = unreadTotal(useChatList(schoolId).data)
  useEffect(() => {
    document.title = tabTitle(title, unread)
  }, [title, unread])
}
