import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ChatRole, ChatSummary, Message, PersonRef, Role } from '../../lib/api-types'
import { api } from '../../lib/http'
import type { Presence } from '../../lib/events'
import { upsertChat } from './window'

export interface ChatMember {
  accountId: string
  displayName: string
  role: ChatRole
  mutedUntil: string | null
  /** Null when I may not see it (a minor, unless I am staff or their guardian). */
  presence: Presence | null
}

export interface ChatDetail {
  chat: ChatSummary
  members: ChatMember[]
}

export interface Contact {
  accountId: string
  displayName: string
  roles: Role[]
}

export interface Receipts {
  readCount: number
  memberCount: number
  readBy: PersonRef[]
}

export interface Confirmations {
  confirmed: PersonRef[]
  pending: PersonRef[]
}

export const base = (schoolId: string) => `/api/v1/schools/${schoolId}`

export const chatKeys = {
  list: (schoolId: string) => ['schools', schoolId, 'chat-list'] as const,
  chat: (schoolId: string, chatId: string) => ['schools', schoolId, 'chat', chatId] as const,
  detail: (schoolId: string, chatId: string) => ['schools', schoolId, 'chat', chatId, 'detail'] as const,
  messages: (schoolId: string, chatId: string) => ['schools', schoolId, 'chat', chatId, 'messages'] as const,
  receipts: (schoolId: string, chatId: string) => ['schools', schoolId, 'chat', chatId, 'receipts'] as const,
  receipt: (schoolId: string, chatId: string, messageId: string) => ['schools', schoolId, 'chat', chatId, 'receipts', messageId] as const,
  pins: (schoolId: string, chatId: string) => ['schools', schoolId, 'chat', chatId, 'pins'] as const,
  confirmations: (schoolId: string, chatId: string, messageId: string) => ['schools', schoolId, 'chat', chatId, 'confirmations', messageId] as const,
  /** A poll with my choice (GET …/poll), kept current by PollUpdated. */
  poll: (schoolId: string, chatId: string, messageId: string) => ['schools', schoolId, 'chat', chatId, 'poll', messageId] as const,
  contacts: (schoolId: string) => ['schools', schoolId, 'contacts'] as const,
  storage: (schoolId: string) => ['schools', schoolId, 'file-storage'] as const,
  search: (schoolId: string, q: string) => ['schools', schoolId, 'message-search', q] as const,
}

export function useChatList(schoolId: string) {
  return useQuery({
    queryKey: chatKeys.list(schoolId),
    queryFn: () => api<ChatSummary[]>(`${base(schoolId)}/chats`),
    // Kept current by events; refetched after reconnecting.
    staleTime: Infinity,
  })
}

export function useChatDetail(schoolId: string, chatId: string, enabled = true) {
  return useQuery({
    queryKey: chatKeys.detail(schoolId, chatId),
    queryFn: () => api<ChatDetail>(`${base(schoolId)}/chats/${chatId}`),
    enabled,
  })
}

export function useContacts(schoolId: string, enabled: boolean) {
  return useQuery({
    queryKey: chatKeys.contacts(schoolId),
    queryFn: () => api<Contact[]>(`${base(schoolId)}/contacts`),
    enabled,
  })
}

export function useReceipts(schoolId: string, chatId: string, messageId: string, enabled: boolean) {
  return useQuery({
    queryKey: chatKeys.receipt(schoolId, chatId, messageId),
    queryFn: () => api<Receipts>(`${base(schoolId)}/chats/${chatId}/messages/${messageId}/receipts`),
    enabled,
  })
}

/** Pinned messages of a chat, the newest pin first; kept current by MessageUpdated and MessageDeleted. */
export function usePins(schoolId: string, chatId: string) {
  return useQuery({
    queryKey: chatKeys.pins(schoolId, chatId),
    queryFn: () => api<Message[]>(`${base(schoolId)}/chats/${chatId}/pins`),
    staleTime: Infinity,
  })
}

/** Who has confirmed a "please confirm" message and who has not (its sender and the chat's moderators). */
export function useConfirmations(schoolId: string, chatId: string, messageId: string, enabled: boolean) {
  return useQuery({
    queryKey: chatKeys.confirmations(schoolId, chatId, messageId),
    queryFn: () => api<Confirmations>(`${base(schoolId)}/chats/${chatId}/messages/${messageId}/confirmations`),
    enabled,
  })
}

export function useRemind(schoolId: string, chatId: string, messageId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api<Confirmations>(`${base(schoolId)}/chats/${chatId}/messages/${messageId}/remind`, { method: 'POST' }),
    onSuccess: (lists) => queryClient.setQueryData(chatKeys.confirmations(schoolId, chatId, messageId), lists),
  })
}

/** Messages in my chats of this school matching the words, newest first. */
export function useMessageSearch(schoolId: string, q: string) {
  return useQuery({
    queryKey: chatKeys.search(schoolId, q),
    queryFn: () => api<Message[]>(`${base(schoolId)}/search?${new URLSearchParams({ q, limit: '50' })}`),
    enabled: q.length > 0,
    staleTime: 30_000,
  })
}

export function useReport(schoolId: string, chatId: string) {
  return useMutation({
    mutationFn: ({ messageId, reason }: { messageId: string; reason: string }) =>
      api<void>(`${base(schoolId)}/chats/${chatId}/messages/${messageId}/report`, { method: 'POST', body: { reason } }),
  })
}

/** "Only moderators write": answers the chat as I see it now. */
export function useChatSettings(schoolId: string, chatId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (moderatorsOnly: boolean) => api<ChatSummary>(`${base(schoolId)}/chats/${chatId}/settings`, { method: 'PUT', body: { moderatorsOnly } }),
    onSuccess: (chat) => {
      queryClient.setQueryData<ChatSummary[]>(chatKeys.list(schoolId), (list) => (list ? upsertChat(list, chat) : list))
      queryClient.setQueryData<ChatDetail>(chatKeys.detail(schoolId, chatId), (detail) => (detail ? { ...detail, chat } : detail))
    },
  })
}

/** Mutes a member for some minutes; 0 lifts it. */
export function useMute(schoolId: string, chatId: string) {
  return useMutation({
    mutationFn: ({ accountId, minutes }: { accountId: string; minutes: number }) =>
      api<void>(`${base(schoolId)}/chats/${chatId}/members/${accountId}/mute`, { method: 'POST', body: { minutes } }),
  })
}

/** The group's owner makes a member a moderator or takes it back. */
export function useSetRole(schoolId: string, chatId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ accountId, role }: { accountId: string; role: Exclude<ChatRole, 'Owner'> }) =>
      api<void>(`${base(schoolId)}/chats/${chatId}/members/${accountId}/role`, { method: 'PUT', body: { role } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: chatKeys.detail(schoolId, chatId) }),
  })
}

/** A new or changed chat goes into the list at once, without waiting for its ChatAdded event. */
function useRemember(schoolId: string) {
  const queryClient = useQueryClient()
  return (detail: ChatDetail) => {
    queryClient.setQueryData<ChatSummary[]>(chatKeys.list(schoolId), (list) => (list ? upsertChat(list, detail.chat) : list))
    queryClient.setQueryData(chatKeys.detail(schoolId, detail.chat.id), detail)
  }
}

/** Opens the personal chat with someone: the existing one, or a new one. */
export function useStartPersonal(schoolId: string) {
  const remember = useRemember(schoolId)
  return useMutation({
    mutationFn: (accountId: string) => api<ChatDetail>(`${base(schoolId)}/chats/personal`, { method: 'POST', body: { accountId } }),
    onSuccess: remember,
  })
}

export function useCreateGroup(schoolId: string) {
  const remember = useRemember(schoolId)
  return useMutation({
    mutationFn: (request: { title: string; accountIds: string[] }) =>
      api<ChatDetail>(`${base(schoolId)}/chats/groups`, { method: 'POST', body: request }),
    onSuccess: remember,
  })
}

export function useAddMembers(schoolId: string, chatId: string) {
  const remember = useRemember(schoolId)
  return useMutation({
    mutationFn: (accountIds: string[]) => api<ChatDetail>(`${base(schoolId)}/chats/${chatId}/members`, { method: 'POST', body: { accountIds } }),
    onSuccess: remember,
  })
}

/** Removes someone, or leaves when it is me. */
export function useRemoveMember(schoolId: string, chatId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (accountId: string) => api<void>(`${base(schoolId)}/chats/${chatId}/members/${accountId}`, { method: 'DELETE' }),
    // The list too: a group left without staff turns read-only (its restriction is in the summary).
    onSuccess: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: chatKeys.detail(schoolId, chatId) }),
      queryClient.invalidateQueries({ queryKey: chatKeys.list(schoolId) }),
    ]),
  })
}
