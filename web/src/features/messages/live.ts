import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect } from 'react'
import { useHubConnected, useHubEvent } from '../../lib/hub'
import { applyCreated, applyDeleted, applyMyRead, applyOthersRead, applyUpdated, catchUpChat, heldChats } from './cache'
import { noteReminder } from './confirmations'
import { noteTyping, stopTyping } from './typing'

/**
 * Keeps the messages current while the chats screen is open: each message event is written into the caches that
 * show it (the history, pins, the chat list), and after every (re)connection, and on opening the screen (events went
 * unheard while it was closed), each held chat fetches what came after the newest message it holds.
 */
export function useMessagesLive(myId: string) {
  const queryClient = useQueryClient()

  const catchUp = useCallback(() => {
    for (const { schoolId, chatId } of heldChats(queryClient)) void catchUpChat(queryClient, schoolId, chatId, myId)
  }, [queryClient, myId])
  useHubConnected(catchUp)
  // Once per opening of the screen (the query client and my id stay); catchUp reads the cache when it runs.
  useEffect(catchUp, [catchUp])

  useHubEvent('MessageCreated', (e) => {
    stopTyping(e.chatId, e.message.senderId)
    applyCreated(queryClient, e.schoolId, e.message, myId)
  })
  useHubEvent('MessageUpdated', (e) => applyUpdated(queryClient, e.schoolId, e.message))
  useHubEvent('MessageDeleted', (e) => applyDeleted(queryClient, e.schoolId, e.chatId, e.messageId, e.seq, myId))
  useHubEvent('ReadUpdated', (e) => {
    if (e.accountId === myId) applyMyRead(queryClient, e.schoolId, e.chatId, e.lastReadSeq, myId)
    else applyOthersRead(queryClient, e.schoolId, e.chatId, e.lastReadSeq)
  })
  // The reminder carries the message as it is now; the conversation shows it as a notice.
  useHubEvent('ConfirmationRequested', (e) => {
    applyUpdated(queryClient, e.schoolId, e.message)
    noteReminder(myId, e.message)
  })
  useHubEvent('Typing', (e) => {
    if (e.accountId !== myId) noteTyping(e.chatId, e.accountId, e.displayName)
  })
}
