import { type QueryClient, useMutation, useQuery } from '@tanstack/react-query'
import type { Me, School } from './api-types'
import { refreshCsrf } from './csrf'
import { api } from './http'
import { ApiError } from './problem'

export { landingPath, safeNext } from './landing'

// Query keys that several features read: who is signed in, and a school as its member sees it.
export const meQueryKey = ['me'] as const
export const schoolQueryKey = (schoolId: string) => ['schools', schoolId] as const

async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>('/api/v1/me')
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}

/** The signed-in account with all its memberships; null when signed out. */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000 })
}

/** Who signed in just now (fetched into the cache the rest of the app reads). */
export function loadMe(queryClient: QueryClient) {
  return queryClient.fetchQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 0 })
}

export function useSchool(schoolId: string | undefined) {
  return useQuery({
    queryKey: schoolQueryKey(schoolId ?? ''),
    queryFn: () => api<School>(`/api/v1/schools/${schoolId}`),
    enabled: Boolean(schoolId),
  })
}

/**
 * After the signed-in person changes (sign-in, sign-out, registration, operator set-up): a new anti-forgery
 * token for the new identity, and nothing of the previous person's data left in the cache.
 */
export async function afterSessionChange(queryClient: QueryClient) {
  await refreshCsrf()
  await queryClient.resetQueries()
}

let leaving = false

/**
 * After signing out: load the sign-in page (its own document, signin.html), which leaves nothing of the previous
 * person's data behind. The cache is not reset first: the page being left would notice the missing session and
 * redirect with a "come back here" address. It may notice anyway (the hub learns the session ended and /me is asked
 * again before the sign-in page has loaded): {@link leavingSession} tells it the move is already under way, so the
 * person lands on a plain /signin, loaded once.
 */
export function useLeaveSession() {
  return () => {
    leaving = true
    window.location.replace('/signin')
  }
}

/** True once this page is on its way to the sign-in page after a sign-out. */
export function leavingSession() {
  return leaving
}

/**
 * Before signing out: this browser stops receiving the person's notifications (the server removes the device with the
 * session anyway; this drops the browser's own subscription). Loaded on demand: the frame does not carry it.
 */
export async function dropPushSubscription() {
  try {
    const { unsubscribeThisBrowser } = await import('./push')
    await unsubscribeThisBrowser()
  } catch {
    // Nothing to drop, or the browser would not: signing out goes on.
  }
}

/** Pair with {@link useLeaveSession} in the caller's onSuccess. */
export function useSignOut() {
  return useMutation({
    mutationFn: async () => {
      await dropPushSubscription()
      try {
        await api<void>('/api/v1/auth/sign-out', { method: 'POST' })
      } catch (error) {
        // Already signed out (the session ended elsewhere): the goal is reached.
        if (!(error instanceof ApiError && error.status === 401)) throw error
      }
    },
    onSuccess: () => refreshCsrf(),
  })
}
