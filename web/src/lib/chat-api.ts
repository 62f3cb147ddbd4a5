import type * as Wire from './api-schema'

// What the chat features (chats, messages, files, polls, moderation) share of the server's chats: the school's REST
// base, the query keys of the caches more than one of them writes (the chat list, a chat's details, and the prefix
// under which each feature keeps its own per-chat queries), and the chat's details. Each feature adds its own keys
// below these prefixes; the shapes matter: catch-up finds held histories and refetches by them.

export type ChatMember = Wire.ChatMemberResponse

export type ChatDetail = Wire.ChatDetailResponse

export const base = (schoolId: string) => `/api/v1/schools/${schoolId}`

export const chatKeys = {
  /** The chat list: every chat feature's events move it (last message, unread count, settings, poll results). */
  list: (schoolId: string) => ['schools', schoolId, 'chat-list'] as const,
  /** Everything held of one chat starts with this; forgetting a chat removes it all. */
  chat: (schoolId: string, chatId: string) => ['schools', schoolId, 'chat', chatId] as const,
  detail: (schoolId: string, chatId: string) => ['schools', schoolId, 'chat', chatId, 'detail'] as const,
}

/** A chat list's key, of any school (the unread count outside the page adds them up: lib/unread.ts). */
export function isChatListKey(key: readonly unknown[]): boolean {
  return key.length === 3 && key[0] === 'schools' && key[2] === 'chat-list'
}
