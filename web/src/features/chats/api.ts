import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ChatRole, ChatSummary, PersonRef, Role } from '../../lib/api-types'
import { api } from '../../lib/http'
import { upsertChat } from './window'

export interface ChatMember {
  accountId: string
  displayName: string
  role: ChatRole
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

export const base = (schoolId: string) => `/api/v1/schools/${schoolId}`

export const chatKeys = {
  list: (schoolId: string) => ['schools', schoolId, 'chat-list'] as const,
  chat: (schoolId: string, chatId: string) => ['schools', schoolId, 'chat', chatId] as const,
  detail: (schoolId: string, chatId: string) => ['schools', schoolId, 'chat', chatId, 'detail'] as const,
  messages: (schoolId: string, chatId: string) => ['schools', schoolId, 'chat', chatId, 'messages'] as const,
  receipts: (schoolId: string, chatId: string) => ['schools', schoolId, 'chat', chatId, 'receipts'] as const,
  receipt: (schoolId: string, chatId: string, messageId: string) => ['schools', schoolId, 'chat', chatId, 'receipts', messageId] as const,
  contacts: (schoolId: string) => ['schools', schoolId, 'contacts'] as const,
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
    onSuccess: () => queryClient.invalidateQueries({ queryKey: chatKeys.detail(schoolId, chatId) }),
  })
}
