import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { ChatSummary } from '../../lib/api-types'
import type { ChatAddedEvent } from '../../lib/events'
import { useHubConnected, useHubEvent } from '../../lib/hub'
import { chatKeys } from './api'
import { applyCreated, applyDeleted, applyMyRead, applyOthersRead, applyPoll, applyUpdated, catchUpChat, forgetChat, heldChats } from './cache'
import { noteReminder } from './confirmations'
import { noteTyping, stopTyping } from './typing'
import { upsertChat } from './window'

/**
 * Keeps the chat caches current while the chats screen is open: each event is written into the query cache it
 * belongs to, and after every (re)connection, and on opening the screen (events went unheard while it was
 * closed), each held chat fetches what came after the newest message it holds and the chat list is refetched.
 */
export function useChatsLive(myId: string) {
  const queryClient = useQueryClient()

  const catchUp = () => {
    for (const { schoolId, chatId } of heldChats(queryClient)) void catchUpChat(queryClient, schoolId, chatId, myId)
    // Polls too: votes do not change a message's version, so catching up on messages does not bring them.
    void queryClient.invalidateQueries({
      predicate: (q) => q.queryKey[0] === 'schools' && (q.queryKey[2] === 'chat-list' || q.queryKey[4] === 'detail' || q.queryKey[4] === 'poll'),
    })
  }
  useHubConnected(catchUp)
  // Once per opening of the screen; catchUp reads the cache when it runs.
  useEffect(catchUp, [])

  useHubEvent('MessageCreated', (e) => {
    stopTyping(e.chatId, e.message.senderId)
    applyCreated(queryClient, e.schoolId, e.message, myId)
  })
  useHubEvent('MessageUpdated', (e) => applyUpdated(queryClient, e.schoolId, e.message))
  // Presence shows in chat details: refetch the ones of that school, so they read as a fresh GET does.
  useHubEvent('PresenceChanged', (e) =>
    void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'schools' && q.queryKey[1] === e.schoolId && q.queryKey[4] === 'detail' }))
  useHubEvent('MessageDeleted', (e) => applyDeleted(queryClient, e.schoolId, e.chatId, e.messageId, e.seq, myId))
  useHubEvent('ReadUpdated', (e) => {
    if (e.accountId === myId) applyMyRead(queryClient, e.schoolId, e.chatId, e.lastReadSeq, myId)
    else applyOthersRead(queryClient, e.schoolId, e.chatId, e.lastReadSeq)
  })
  const upsert = (e: ChatAddedEvent) => {
    queryClient.setQueryData<ChatSummary[]>(chatKeys.list(e.schoolId), (list) => (list ? upsertChat(list, e.chat) : list))
    void queryClient.invalidateQueries({ queryKey: chatKeys.detail(e.schoolId, e.chat.id) })
  }
  useHubEvent('ChatAdded', upsert)
  useHubEvent('ChatUpdated', upsert)
  useHubEvent('ChatRemoved', (e) => forgetChat(queryClient, e.schoolId, e.chatId))
  // The reminder carries the message as it is now; the conversation shows it as a notice.
  useHubEvent('ConfirmationRequested', (e) => {
    applyUpdated(queryClient, e.schoolId, e.message)
    noteReminder(myId, e.message)
  })
  // Results move for everyone; my choice comes only with my own votes (from another tab), otherwise the known one stays.
  useHubEvent('PollUpdated', (e) => applyPoll(queryClient, e.schoolId, e.chatId, e.poll))
  useHubEvent('Typing', (e) => {
    if (e.accountId !== myId) noteTyping(e.chatId, e.accountId, e.displayName)
  })
}
