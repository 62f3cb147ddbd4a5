import { type QueryClient, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect } from 'react'
import type { ChatSummary } from '../../lib/api-types'
import { chatKeys } from '../../lib/chat-api'
import type { ChatAddedEvent } from '../../lib/events'
import { useHubConnected, useHubEvent } from '../../lib/hub'
import { upsertChat } from '../messages/window'

function forgetChat(queryClient: QueryClient, schoolId: string, chatId: string) {
  queryClient.setQueryData<ChatSummary[]>(chatKeys.list(schoolId), (list) => list?.filter((c) => c.id !== chatId))
  queryClient.removeQueries({ queryKey: chatKeys.chat(schoolId, chatId) })
}

/**
 * Keeps the chat list and the chats' details current while the chats screen is open: chats added, changed and
 * removed, presence; after every (re)connection, and on opening the screen, the list and details are refetched.
 * (Messages and polls keep their own: useMessagesLive, usePollsLive.)
 */
export function useChatsLive() {
  const queryClient = useQueryClient()

  const catchUp = useCallback(() => {
    void queryClient.invalidateQueries({
      predicate: (q) => q.queryKey[0] === 'schools' && (q.queryKey[2] === 'chat-list' || q.queryKey[4] === 'detail'),
    })
  }, [queryClient])
  useHubConnected(catchUp)
  // Once per opening of the screen (the query client stays).
  useEffect(catchUp, [catchUp])

  // Presence shows in chat details: refetch the ones of that school, so they read as a fresh GET does.
  useHubEvent(
    'PresenceChanged',
    (e) =>
      void queryClient.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'schools' && q.queryKey[1] === e.schoolId && q.queryKey[4] === 'detail',
      }),
  )
  const upsert = (e: ChatAddedEvent) => {
    queryClient.setQueryData<ChatSummary[]>(chatKeys.list(e.schoolId), (list) =>
      list ? upsertChat(list, e.chat) : list,
    )
    void queryClient.invalidateQueries({ queryKey: chatKeys.detail(e.schoolId, e.chat.id) })
  }
  useHubEvent('ChatAdded', upsert)
  useHubEvent('ChatUpdated', upsert)
  useHubEvent('ChatRemoved', (e) => forgetChat(queryClient, e.schoolId, e.chatId))
}
