import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { PollResponse } from '../../lib/api-types'
import { api } from '../../lib/http'
import { ApiError } from '../../lib/problem'
import { chatKeys } from './api'
import { applyPoll, messagesUrl } from './cache'
import { noticeRestriction } from './messages-api'

export function pollUrl(schoolId: string, chatId: string, messageId: string) {
  return `${messagesUrl(schoolId, chatId)}/${messageId}/poll`
}

/** The poll with my choice: asked once when its card first shows, then kept current by PollUpdated. */
export function usePoll(schoolId: string, chatId: string, messageId: string) {
  return useQuery({
    queryKey: chatKeys.poll(schoolId, chatId, messageId),
    queryFn: () => api<PollResponse>(pollUrl(schoolId, chatId, messageId)),
    staleTime: Infinity,
  })
}

export type PollAction = { kind: 'vote'; optionIds: string[] } | { kind: 'retract' } | { kind: 'close' }

/** Voting (again), taking the vote back, closing: each answers the poll with my choice. */
export function usePollAction(schoolId: string, chatId: string, messageId: string) {
  const queryClient = useQueryClient()
  const url = pollUrl(schoolId, chatId, messageId)
  return useMutation({
    mutationFn: (action: PollAction) => {
      switch (action.kind) {
        case 'vote':
          return api<PollResponse>(`${url}/vote`, { method: 'PUT', body: { optionIds: action.optionIds } })
        case 'retract':
          return api<PollResponse>(`${url}/vote`, { method: 'DELETE' })
        case 'close':
          return api<PollResponse>(`${url}/close`, { method: 'POST' })
      }
    },
    onSuccess: (poll) => applyPoll(queryClient, schoolId, chatId, poll),
    // Closed meanwhile (409): the card learns so from a fresh copy; a chat turned read-only says why.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: chatKeys.poll(schoolId, chatId, messageId) })
      noticeRestriction(queryClient, schoolId, chatId, error)
    },
  })
}
