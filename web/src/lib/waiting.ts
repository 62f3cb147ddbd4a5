import { useQueries, useQueryClient } from '@tanstack/react-query'
import type { Me } from './api-types'
import type { Waiting } from './events'
import { api } from './http'
import { useHubEvent } from './hub'
import { meQueryKey } from './session'

// What waits for me (join requests, reports) in the schools where I may decide something, and my own requests'
// decisions: both pushed by the hub, so badges and the home page change without a reload.

export const waitingQueryKey = (schoolId: string) => ['schools', schoolId, 'waiting'] as const

/** Schools where I might approve joiners or read reports: where I am an administrator or a teacher. */
export function reviewSchools(me: Me | null | undefined): string[] {
  const ids = (me?.memberships ?? [])
    .filter((m) => m.status === 'Confirmed' && (m.role === 'Admin' || m.role === 'Teacher'))
    .map((m) => m.schoolId)
  return [...new Set(ids)]
}

/** The counts per school (zero where nothing waits or I decide nothing). */
export function useWaiting(schoolIds: string[]): Waiting[] {
  const results = useQueries({
    queries: schoolIds.map((schoolId) => ({
      queryKey: waitingQueryKey(schoolId),
      queryFn: () => api<Waiting>(`/api/v1/schools/${schoolId}/waiting`),
      staleTime: 5 * 60_000,
    })),
  })
  return results.flatMap((r) => (r.data ? [r.data] : []))
}

export function waitingTotal(waiting: Waiting[]): number {
  return waiting.reduce((sum, w) => sum + w.joinRequests + w.reports, 0)
}

/** For the app frame: keeps /me and the waiting counts live. */
export function useAccountLive() {
  const queryClient = useQueryClient()
  useHubEvent('MembershipDecided', () => void queryClient.invalidateQueries({ queryKey: meQueryKey, exact: true }))
  useHubEvent('WaitingChanged', (waiting) => {
    queryClient.setQueryData(waitingQueryKey(waiting.schoolId), waiting)
    // The lists behind the counts (the console's keys), if open.
    void queryClient.invalidateQueries({ queryKey: ['schools', waiting.schoolId, 'join-requests'] })
    void queryClient.invalidateQueries({ queryKey: ['schools', waiting.schoolId, 'reports'] })
  })
}
