import type { QueryClient } from '@tanstack/react-query'
import type { ChatSummary, Message, PollResponse } from '../../lib/api-types'
import { chatKeys } from '../../lib/chat-api'
import { messageKeys } from '../messages/keys'
import type { MessageWindow } from '../messages/window'
import { mergePoll } from './polls'

// A poll's results move without its message changing (votes do not raise a message's version): they are written
// into every copy of the message this tab holds, from PollUpdated and from the answers to my own votes.

export const pollKeys = {
  /** A poll with my choice (GET …/poll), kept current by PollUpdated. */
  poll: (schoolId: string, chatId: string, messageId: string) =>
    [...chatKeys.chat(schoolId, chatId), 'poll', messageId] as const,
}

/** A poll's new results (PollUpdated, or the answer to my vote) in the message that carries it; my known choice stays. */
export function withPoll(window: MessageWindow, poll: PollResponse): MessageWindow {
  const index = window.items.findIndex((m) => m.id === poll.messageId)
  if (index < 0 || window.items[index].deleted) return window
  const items = [...window.items]
  items[index] = { ...items[index], poll: mergePoll(items[index].poll, poll) }
  return { ...window, items }
}

export function chatsWithPoll(chats: ChatSummary[], chatId: string, poll: PollResponse): ChatSummary[] {
  return chats.map((c) =>
    c.id === chatId && c.lastMessage?.id === poll.messageId && !c.lastMessage.deleted
      ? { ...c, lastMessage: { ...c.lastMessage, poll: mergePoll(c.lastMessage.poll, poll) } }
      : c,
  )
}

export function pinsWithPoll(pins: Message[], poll: PollResponse): Message[] {
  return pins.some((p) => p.id === poll.messageId)
    ? pins.map((p) => (p.id === poll.messageId ? { ...p, poll: mergePoll(p.poll, poll) } : p))
    : pins
}

/**
 * New results of a poll (PollUpdated, or the answer to my vote): into the message that carries it, the pins, the chat
 * list, and the poll's own query. That query is written only when it exists or the poll says my choice, so a card
 * shown later still asks the server what I chose.
 */
export function applyPoll(queryClient: QueryClient, schoolId: string, chatId: string, poll: PollResponse) {
  queryClient.setQueryData<PollResponse>(pollKeys.poll(schoolId, chatId, poll.messageId), (current) =>
    current || poll.myChoice !== null ? mergePoll(current, poll) : undefined,
  )
  queryClient.setQueryData<MessageWindow>(messageKeys.messages(schoolId, chatId), (w) => (w ? withPoll(w, poll) : w))
  queryClient.setQueryData<Message[]>(messageKeys.pins(schoolId, chatId), (pins) =>
    pins ? pinsWithPoll(pins, poll) : pins,
  )
  queryClient.setQueryData<ChatSummary[]>(chatKeys.list(schoolId), (list) =>
    list ? chatsWithPoll(list, chatId, poll) : list,
  )
}
