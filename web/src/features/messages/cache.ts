import type { QueryClient } from '@tanstack/react-query'
import type { ChatSummary, Message, MessagePage } from '../../lib/api-types'
import { base, type ChatDetail, chatKeys } from '../../lib/chat-api'
import { api } from '../../lib/http'
import { messageKeys } from './keys'
import { chatsWithOthersRead } from './read-state'
import {
  chatsWithCreated,
  chatsWithDeleted,
  chatsWithRead,
  chatsWithUpdated,
  firstSeq,
  lastSeq,
  maxVersion,
  type MessageWindow,
  pinsWithUpdated,
  unreadFromWindow,
  withCreated,
  withDeleted,
  withNewer,
  withUpdated,
} from './window'

// Writers of the chat caches, shared by the realtime events (live.ts) and this tab's own requests, so both
// paths end in the same state whichever arrives first.

const catchUpPageSize = 200
/** Beyond this many pages a long-closed laptop stops catching up and lets the reader scroll down instead. */
const catchUpMaxPages = 5

export function messagesUrl(schoolId: string, chatId: string, query = '') {
  return `${base(schoolId)}/chats/${chatId}/messages${query ? `?${query}` : ''}`
}

const catchingUp = new Map<string, Promise<void>>()
const again = new Set<string>()

/** Fetches exactly what came after the newest message this tab holds of a chat, page by page, then every change
 * (edit, deletion, reaction, pin) to the messages it holds since the newest version it had; one run per chat at a time. */
export function catchUpChat(queryClient: QueryClient, schoolId: string, chatId: string, myId: string): Promise<void> {
  const key = `${schoolId}/${chatId}`
  const running = catchingUp.get(key)
  if (running) {
    // Something new was noticed during the run: one more run afterwards picks it up.
    again.add(key)
    return running
  }
  const run = (async () => {
    const start = queryClient.getQueryData<MessageWindow>(messageKeys.messages(schoolId, chatId))
    const sinceVersion = start ? maxVersion(start) : 0
    await catchUpNew(queryClient, schoolId, chatId, myId)
    if (start) await catchUpChanges(queryClient, schoolId, chatId, sinceVersion)
  })()
    .catch(() => undefined) // offline again: the next reconnect tries again
    .finally(() => {
      catchingUp.delete(key)
      if (again.delete(key)) void catchUpChat(queryClient, schoolId, chatId, myId)
    })
  catchingUp.set(key, run)
  return run
}

async function catchUpChanges(queryClient: QueryClient, schoolId: string, chatId: string, since: number) {
  for (let page = 0; page < catchUpMaxPages; page++) {
    const changes = await api<MessagePage>(
      messagesUrl(schoolId, chatId, `changedSince=${since}&limit=${catchUpPageSize}`),
    )
    queryClient.setQueryData<MessageWindow>(messageKeys.messages(schoolId, chatId), (w) => {
      if (!w) return w
      const from = firstSeq(w) ?? 1
      const to = lastSeq(w)
      return changes.items.filter((m) => m.seq >= from && m.seq <= to).reduce(withUpdated, w)
    })
    if (!changes.hasMoreAfter || changes.items.length === 0) return
    since = changes.items[changes.items.length - 1].version
  }
}

async function catchUpNew(queryClient: QueryClient, schoolId: string, chatId: string, myId: string) {
  for (let page = 0; page < catchUpMaxPages; page++) {
    const held = queryClient.getQueryData<MessageWindow>(messageKeys.messages(schoolId, chatId))
    if (!held || held.hasMoreAfter) return
    const after = lastSeq(held)
    const next = await api<MessagePage>(messagesUrl(schoolId, chatId, `after=${after}&limit=${catchUpPageSize}`))
    // Merge only into the window this page continues (a jump may have replaced it meanwhile).
    queryClient.setQueryData<MessageWindow>(messageKeys.messages(schoolId, chatId), (w) =>
      w && (firstSeq(w) ?? 1) <= after + 1 && lastSeq(w) >= after ? withNewer(w, next, myId) : w,
    )
    if (!next.hasMoreAfter || next.items.length === 0) return
  }
}

/** Every chat whose history this tab holds, in every school. */
export function heldChats(queryClient: QueryClient): { schoolId: string; chatId: string }[] {
  return queryClient
    .getQueryCache()
    .findAll({ queryKey: ['schools'] })
    .map((q) => q.queryKey)
    .filter(
      (k) =>
        k.length === 5 &&
        k[2] === 'chat' &&
        k[4] === 'messages' &&
        typeof k[1] === 'string' &&
        typeof k[3] === 'string',
    )
    .map((k) => ({ schoolId: k[1] as string, chatId: k[3] as string }))
}

export function applyCreated(queryClient: QueryClient, schoolId: string, message: Message, myId: string) {
  let gap = false
  queryClient.setQueryData<MessageWindow>(messageKeys.messages(schoolId, message.chatId), (w) => {
    if (!w) return w
    const result = withCreated(w, message, myId)
    gap = result.gap
    return result.window
  })
  if (gap) void catchUpChat(queryClient, schoolId, message.chatId, myId)

  const listKey = chatKeys.list(schoolId)
  const list = queryClient.getQueryData<ChatSummary[]>(listKey)
  if (!list) return
  const next = chatsWithCreated(list, message, myId)
  if (next) queryClient.setQueryData(listKey, next)
  else void queryClient.invalidateQueries({ queryKey: listKey })
}

export function applyUpdated(queryClient: QueryClient, schoolId: string, message: Message) {
  queryClient.setQueryData<MessageWindow>(messageKeys.messages(schoolId, message.chatId), (w) =>
    w ? withUpdated(w, message) : w,
  )
  queryClient.setQueryData<ChatSummary[]>(chatKeys.list(schoolId), (list) =>
    list ? chatsWithUpdated(list, message) : list,
  )
  queryClient.setQueryData<Message[]>(messageKeys.pins(schoolId, message.chatId), (pins) =>
    pins ? pinsWithUpdated(pins, message) : pins,
  )
  // Someone confirmed: an open list of who has confirmed refreshes.
  if (message.requiresConfirmation)
    void queryClient.invalidateQueries({ queryKey: messageKeys.confirmations(schoolId, message.chatId, message.id) })
}

export function applyDeleted(
  queryClient: QueryClient,
  schoolId: string,
  chatId: string,
  messageId: string,
  seq: number,
  myId: string,
) {
  const message = queryClient
    .getQueryData<MessageWindow>(messageKeys.messages(schoolId, chatId))
    ?.items.find((m) => m.id === messageId)
  queryClient.setQueryData<MessageWindow>(messageKeys.messages(schoolId, chatId), (w) =>
    w ? withDeleted(w, messageId) : w,
  )
  queryClient.setQueryData<Message[]>(messageKeys.pins(schoolId, chatId), (pins) =>
    pins?.filter((p) => p.id !== messageId),
  )
  const listKey = chatKeys.list(schoolId)
  queryClient.setQueryData<ChatSummary[]>(listKey, (list) => (list ? chatsWithDeleted(list, chatId, messageId) : list))
  const chat = queryClient.getQueryData<ChatSummary[]>(listKey)?.find((c) => c.id === chatId)
  // An unread message from someone else stopped counting; only the server can say whether it was one.
  if (chat && seq > chat.lastReadSeq && message?.senderId !== myId)
    void queryClient.invalidateQueries({ queryKey: listKey })
}

/** My read mark moved, in this tab or another one. */
export function applyMyRead(queryClient: QueryClient, schoolId: string, chatId: string, readSeq: number, myId: string) {
  const listKey = chatKeys.list(schoolId)
  const chat = queryClient.getQueryData<ChatSummary[]>(listKey)?.find((c) => c.id === chatId)
  if (!chat || readSeq <= chat.lastReadSeq) return
  const unread = unreadFromWindow(
    queryClient.getQueryData<MessageWindow>(messageKeys.messages(schoolId, chatId)),
    readSeq,
    chat.lastSeq,
    myId,
  )
  queryClient.setQueryData<ChatSummary[]>(listKey, (list) =>
    list ? chatsWithRead(list, chatId, readSeq, unread) : list,
  )
  if (unread === null && readSeq < chat.lastSeq) void queryClient.invalidateQueries({ queryKey: listKey })
}

/** Someone else read further: my messages up to there show as read, and receipts on screen refresh. */
export function applyOthersRead(queryClient: QueryClient, schoolId: string, chatId: string, readSeq: number) {
  queryClient.setQueryData<ChatSummary[]>(chatKeys.list(schoolId), (list) =>
    list ? chatsWithOthersRead(list, chatId, readSeq) : list,
  )
  queryClient.setQueryData<ChatDetail>(chatKeys.detail(schoolId, chatId), (detail) =>
    detail ? { ...detail, chat: chatsWithOthersRead([detail.chat], chatId, readSeq)[0] } : detail,
  )
  void queryClient.invalidateQueries({ queryKey: messageKeys.receipts(schoolId, chatId) })
}
