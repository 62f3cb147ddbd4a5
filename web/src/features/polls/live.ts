import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect } from 'react'
import { useHubConnected, useHubEvent } from '../../lib/hub'
import { applyPoll } from './cache'

/**
 * Keeps polls current while the chats screen is open. Results move for everyone; my choice comes only with my own
 * votes (from another tab), otherwise the known one stays. Votes do not change a message's version, so catching up
 * on messages does not bring them: the polls held are refetched after every (re)connection and on opening the screen.
 */
export function usePollsLive() {
  const queryClient = useQueryClient()

  const catchUp = useCallback(() => {
    void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'schools' && q.queryKey[4] === 'poll' })
  }, [queryClient])
  useHubConnected(catchUp)
  useEffect(catchUp, [catchUp])

  useHubEvent('PollUpdated', (e) => applyPoll(queryClient, e.schoolId, e.chatId, e.poll))
}
