import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ChatRole, ChatSummary } from '../../lib/api-types'
import { base, type ChatDetail, chatKeys } from '../../lib/chat-api'
import { api } from '../../lib/http'
import { upsertChat } from '../messages/window'

// Safeguarding in a chat: reporting a message to the school, and a moderator's tools (muting, member roles, who may write).

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
    mutationFn: (moderatorsOnly: boolean) =>
      api<ChatSummary>(`${base(schoolId)}/chats/${chatId}/settings`, { method: 'PUT', body: { moderatorsOnly } }),
    onSuccess: (chat) => {
      queryClient.setQueryData<ChatSummary[]>(chatKeys.list(schoolId), (list) => (list ? upsertChat(list, chat) : list))
      queryClient.setQueryData<ChatDetail>(chatKeys.detail(schoolId, chatId), (detail) =>
        detail ? { ...detail, chat } : detail,
      )
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
