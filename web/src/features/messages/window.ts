import type { ChatSummary, FileResponse, Message, MessagePage, ReplyPreview } from '../../lib/api-types'

// The part of a chat's history this tab holds, and pure functions that merge pages and events into it. Sequence
// numbers have no gaps, so "is this the next message?" is a number comparison and anything else means "fetch".

export interface PendingMessage {
  clientId: string
  text: string
  replyTo: ReplyPreview | null
  /** Sent along (and again on a retry): mentioned members, @all, "please confirm". */
  extras?: SendExtras
  /** The uploaded files whose ids are in `extras.attachments`, for showing them while sending. */
  files?: FileResponse[]
  status: 'sending' | 'failed'
  createdAt: string
  error?: string
}

export interface SendExtras {
  mentions: string[]
  mentionAll: boolean
  requiresConfirmation: boolean
  /** Ids of uploaded files (at most 10); the text may then be empty. */
  attachments?: string[]
  /** An administrator's announcement that notifies even in quiet hours and muted chats. */
  urgent?: boolean
}

export interface MessageWindow {
  /** Oldest first, one per seq, contiguous. */
  items: Message[]
  hasMoreBefore: boolean
  /** True when newer messages exist than the window holds: live events are then not appended (they would leave a gap). */
  hasMoreAfter: boolean
  /** My sends not yet confirmed by the server, shown after the items. */
  pending: PendingMessage[]
}

export function windowFromPage(page: MessagePage, pending: PendingMessage[] = []): MessageWindow {
  return { items: page.items, hasMoreBefore: page.hasMoreBefore, hasMoreAfter: page.hasMoreAfter, pending }
}

export function firstSeq(window: MessageWindow): number | undefined {
  return window.items[0]?.seq
}

export function lastSeq(window: MessageWindow): number {
  return window.items.at(-1)?.seq ?? 0
}

/** The newest change this window holds: catching up asks the server for everything changed after it. */
export function maxVersion(window: MessageWindow): number {
  return window.items.reduce((max, m) => Math.max(max, m.version ?? 0), 0)
}

/** Of two copies of one message, the later state: the higher version; at equal versions deletion wins, then the
 * later edit; otherwise the incoming. */
function later(current: Message, incoming: Message): Message {
  if ((current.version ?? 0) !== (incoming.version ?? 0))
    return (current.version ?? 0) > (incoming.version ?? 0) ? current : incoming
  if (current.deleted !== incoming.deleted) return current.deleted ? current : incoming
  if (current.editedAt && (!incoming.editedAt || incoming.editedAt < current.editedAt)) return current
  return incoming
}

/** Merges by seq, keeping order and dropping duplicates. */
export function mergeMessages(existing: Message[], incoming: Message[]): Message[] {
  if (incoming.length === 0) return existing
  if (existing.length === 0) return [...incoming].sort((a, b) => a.seq - b.seq)
  const sorted = [...incoming].sort((a, b) => a.seq - b.seq)
  if (sorted[0].seq > existing[existing.length - 1].seq) return [...existing, ...sorted]
  if (sorted[sorted.length - 1].seq < existing[0].seq) return [...sorted, ...existing]
  const bySeq = new Map(existing.map((m) => [m.seq, m]))
  for (const m of sorted) {
    const current = bySeq.get(m.seq)
    bySeq.set(m.seq, current ? later(current, m) : m)
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq)
}

export function withOlder(window: MessageWindow, page: MessagePage): MessageWindow {
  return { ...window, items: mergeMessages(window.items, page.items), hasMoreBefore: page.hasMoreBefore }
}

export function withNewer(window: MessageWindow, page: MessagePage, myId: string): MessageWindow {
  const mine = new Set(page.items.filter((m) => m.senderId === myId).map((m) => m.clientId))
  return {
    ...window,
    items: mergeMessages(window.items, page.items),
    hasMoreAfter: page.hasMoreAfter,
    pending: mine.size ? window.pending.filter((p) => !mine.has(p.clientId)) : window.pending,
  }
}

/**
 * A new message (an event or my send's response). Appended when it is the next one; when it is further ahead
 * the window has missed something and `gap` says to fetch after the last seq held.
 */
export function withCreated(
  window: MessageWindow,
  message: Message,
  myId: string,
): { window: MessageWindow; gap: boolean } {
  const pending =
    message.senderId === myId ? window.pending.filter((p) => p.clientId !== message.clientId) : window.pending
  const last = lastSeq(window)
  if (window.hasMoreAfter && message.seq > last) return { window: { ...window, pending }, gap: false }
  if (window.items.length > 0 && message.seq > last + 1) return { window: { ...window, pending }, gap: true }
  return { window: { ...window, items: mergeMessages(window.items, [message]), pending }, gap: false }
}

function updateReplies(items: Message[], id: string, change: Partial<ReplyPreview>): Message[] {
  return items.some((m) => m.replyTo?.id === id)
    ? items.map((m) => (m.replyTo?.id === id ? { ...m, replyTo: { ...m.replyTo, ...change } } : m))
    : items
}

export function withUpdated(window: MessageWindow, message: Message): MessageWindow {
  let items = window.items
  const index = items.findIndex((m) => m.seq === message.seq)
  if (index >= 0) {
    items = [...items]
    items[index] = later(items[index], message)
  }
  items = updateReplies(items, message.id, { text: message.text.slice(0, 200), deleted: message.deleted })
  return items === window.items ? window : { ...window, items }
}

export function withDeleted(window: MessageWindow, messageId: string): MessageWindow {
  let items = window.items
  const index = items.findIndex((m) => m.id === messageId)
  if (index >= 0) {
    items = [...items]
    items[index] = { ...items[index], deleted: true, text: '', attachments: [], poll: null }
  }
  items = updateReplies(items, messageId, { text: '', deleted: true })
  return items === window.items ? window : { ...window, items }
}

export function withPending(
  window: MessageWindow,
  change: (pending: PendingMessage[]) => PendingMessage[],
): MessageWindow {
  return { ...window, pending: change(window.pending) }
}

/**
 * Unread messages after `readSeq` counted from the window, or null when the window does not hold the whole
 * stretch up to the chat's last message (then only the server knows).
 */
export function unreadFromWindow(
  window: MessageWindow | undefined,
  readSeq: number,
  chatLastSeq: number,
  myId: string,
): number | null {
  if (!window || window.hasMoreAfter || lastSeq(window) < chatLastSeq) return null
  const first = firstSeq(window)
  if (first !== undefined && first > readSeq + 1 && window.hasMoreBefore) return null
  return window.items.filter((m) => m.seq > readSeq && m.senderId !== myId && !m.deleted).length
}

// The chat list.

function activity(chat: ChatSummary): string {
  return chat.lastMessage?.createdAt ?? ''
}

/** Newest activity first, as the server orders them. */
export function sortChats(chats: ChatSummary[]): ChatSummary[] {
  return [...chats].sort((a, b) => (activity(a) < activity(b) ? 1 : activity(a) > activity(b) ? -1 : 0))
}

export function upsertChat(chats: ChatSummary[], chat: ChatSummary): ChatSummary[] {
  return sortChats([...chats.filter((c) => c.id !== chat.id), chat])
}

/** A new message in a listed chat; undefined when the chat is not in the list (the caller refetches it). */
export function chatsWithCreated(chats: ChatSummary[], message: Message, myId: string): ChatSummary[] | undefined {
  const chat = chats.find((c) => c.id === message.chatId)
  if (!chat) return undefined
  const isNew = message.seq > chat.lastSeq
  const lastSeq = Math.max(chat.lastSeq, message.seq)
  const lastMessage = !chat.lastMessage || message.seq >= chat.lastMessage.seq ? message : chat.lastMessage
  let { lastReadSeq, unreadCount } = chat
  if (message.senderId === myId) {
    // The server marks one's own message read.
    lastReadSeq = Math.max(lastReadSeq, message.seq)
    if (lastReadSeq >= lastSeq) unreadCount = 0
  } else if (isNew && message.seq > lastReadSeq && !message.deleted) {
    unreadCount += 1
  }
  return upsertChat(chats, { ...chat, lastSeq, lastMessage, lastReadSeq, unreadCount })
}

export function chatsWithUpdated(chats: ChatSummary[], message: Message): ChatSummary[] {
  return chats.map((c) =>
    c.id === message.chatId && c.lastMessage?.id === message.id
      ? { ...c, lastMessage: later(c.lastMessage, message) }
      : c,
  )
}

export function chatsWithDeleted(chats: ChatSummary[], chatId: string, messageId: string): ChatSummary[] {
  return chats.map((c) =>
    c.id === chatId && c.lastMessage?.id === messageId
      ? { ...c, lastMessage: { ...c.lastMessage, deleted: true, text: '', attachments: [], poll: null } }
      : c,
  )
}

/** My read position moved (here or in another tab). `unread` is the new count when known. */
export function chatsWithRead(
  chats: ChatSummary[],
  chatId: string,
  readSeq: number,
  unread: number | null,
): ChatSummary[] {
  return chats.map((c) => {
    if (c.id !== chatId || readSeq <= c.lastReadSeq) return c
    const unreadCount = readSeq >= c.lastSeq ? 0 : (unread ?? c.unreadCount)
    return { ...c, lastReadSeq: readSeq, unreadCount }
  })
}

// Pinned messages.

/** Pinned messages, newest pin first, after a message changed: a new pin goes first, an unpinned or deleted one goes. */
export function pinsWithUpdated(pins: Message[], message: Message): Message[] {
  const rest = pins.filter((p) => p.id !== message.id)
  if (!message.pinned || message.deleted) return rest.length === pins.length ? pins : rest
  const index = pins.findIndex((p) => p.id === message.id)
  if (index < 0) return [message, ...pins]
  const next = [...pins]
  next[index] = message
  return next
}
