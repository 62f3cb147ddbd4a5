import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ChatSummary } from '../../lib/api-types'
import { base, type ChatDetail, chatKeys } from '../../lib/chat-api'
import { api } from '../../lib/http'
import { upsertChat } from '../messages/window'
import type * as Wire from '../../lib/api-schema'

// The chats themselves: the list, a chat's details and members, new personal chats and groups. Messages, files,
// polls and moderation have their own api.ts.

export type Contact = Wire.ContactResponse

export const contactKeys = {
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
    queryKey: contactKeys.contacts(schoolId),
    queryFn: () => api<Contact[]>(`${base(schoolId)}/contacts`),
    enabled,
  })
}

/** A new or changed chat goes into the list at once, without waiting for its ChatAdded event. */
function useRemember(schoolId: string) {
  const queryClient = useQueryClient()
  return (detail: ChatDetail) => {
    queryClient.setQueryData<ChatSummary[]>(chatKeys.list(schoolId), (list) =>
      list ? upsertChat(list, detail.chat) : list,
    )
    queryClient.setQueryData(chatKeys.detail(schoolId, detail.chat.id), detail)
  }
}

/** Opens the personal chat with someone: the existing one, or a new one. */
export function useStartPersonal(schoolId: string) {
  const remember = useRemember(schoolId)
  return useMutation({
    mutationFn: (accountId: string) =>
      api<ChatDetail>(`${base(schoolId)}/chats/personal`, { method: 'POST', body: { accountId } }),
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
    mutationFn: (accountIds: string[]) =>
      api<ChatDetail>(`${base(schoolId)}/chats/${chatId}/members`, { method: 'POST', body: { accountIds } }),
    onSuccess: remember,
  })
}

/** Removes someone, or leaves when it is me. */
export function useRemoveMember(schoolId: string, chatId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (accountId: string) =>
      api<void>(`${base(schoolId)}/chats/${chatId}/members/${accountId}`, { method: 'DELETE' }),
    // The list too: a group left without staff turns read-only (its restriction is in the summary).
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: chatKeys.detail(schoolId, chatId) }),
        queryClient.invalidateQueries({ queryKey: chatKeys.list(schoolId) }),
      ]),
  })
}

export type ChatNotificationsMode = Wire.ChatNotifications

/** Turns my notifications of a chat off (an hour, a day, until turned on) or on; the list and details show it at once. */
export function useChatNotifications(schoolId: string, chatId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (mode: ChatNotificationsMode) =>
      api<Wire.ChatNotificationsResponse>(`${base(schoolId)}/chats/${chatId}/notifications`, {
        method: 'PUT',
        body: { mode },
      }),
    onSuccess: ({ offUntil }) => {
      const apply = (chat: ChatSummary) => (chat.id === chatId ? { ...chat, notificationsOffUntil: offUntil } : chat)
      queryClient.setQueryData<ChatSummary[]>(chatKeys.list(schoolId), (list) => list?.map(apply))
      queryClient.setQueryData<ChatDetail>(chatKeys.detail(schoolId, chatId), (detail) =>
        detail ? { ...detail, chat: apply(detail.chat) } : detail,
      )
    },
  })
}
