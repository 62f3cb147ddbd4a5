import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Message, PollResponse } from '../../lib/api-types'
import { api } from '../../lib/http'
import { ApiError } from '../../lib/problem'
import { noticeRestriction } from '../messages/api'
import { applyCreated, messagesUrl } from '../messages/cache'
import { applyPoll, pollKeys } from './cache'
import type { PollRequest } from './polls'

export function pollUrl(schoolId: string, chatId: string, messageId: string) {
  return `${messagesUrl(schoolId, chatId)}/${messageId}/poll`
}

/** The poll with my choice: asked once when its card first shows, then kept current by PollUpdated. */
export function usePoll(schoolId: string, chatId: string, messageId: string) {
  return useQuery({
    queryKey: pollKeys.poll(schoolId, chatId, messageId),
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
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: pollKeys.poll(schoolId, chatId, messageId) })
      noticeRestriction(queryClient, schoolId, chatId, error)
    },
  })
}

/**
 * Publishes a poll: the question is the message's text. Not optimistic, so the dialog can show the server's
 * objections beside its fields; the client id comes from the dialog, so sending again after a lost answer stores one poll.
 */
export function useSendPoll(schoolId: string, chatId: string, myId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ clientId, question, poll }: { clientId: string; question: string; poll: PollRequest }) =>
      api<Message>(messagesUrl(schoolId, chatId), {
        method: 'POST',
        body: { clientId, text: question, poll, replyToId: null },
      }),
    onSuccess: (stored) => applyCreated(queryClient, schoolId, stored, myId),
    onError: (error) => noticeRestriction(queryClient, schoolId, chatId, error),
  })
}
