import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { refreshCsrf } from '../../lib/csrf'
import { api } from '../../lib/http'
import { ApiError } from '../../lib/problem'
import { afterSessionChange, meQueryKey } from '../../lib/session'
import type * as Wire from '../../lib/api-schema'

export type InvitePreview = Wire.InvitePreviewResponse

export interface JoinRequest {
  displayName?: string
  login?: string
  phone?: string
  email?: string
  password?: string
  childName?: string
  /** Link the external identity waiting in this browser to the new account (after /external, `?link=1`). */
  linkExternal?: boolean
}

type JoinResponse = Wire.JoinResponse

export function useInvitePreview(token: string) {
  return useQuery({
    queryKey: ['invites', token],
    queryFn: () => api<InvitePreview>(`/api/v1/invites/${encodeURIComponent(token)}`),
    retry: false,
  })
}

export interface JoinResult {
  /** False when the registration could not be signed into: the details may belong to an existing account. */
  signedIn: boolean
}

/**
 * Joins as the signed-in person, or registers a newcomer and then signs in with the same details. The server
 * answers a registration the same way whether or not the phone or e-mail already had an account (so nobody can
 * learn whose it is); if it had and the password is that account's, signing in succeeds and the join follows.
 */
export function useJoin(token: string) {
  const queryClient = useQueryClient()
  const join = (request: JoinRequest) =>
    api<JoinResponse>(`/api/v1/invites/${encodeURIComponent(token)}/join`, { method: 'POST', body: request })
  return useMutation({
    mutationFn: async ({ request, registers }: { request: JoinRequest; registers: boolean }): Promise<JoinResult> => {
      await join(request)
      if (!registers) return { signedIn: true }
      const login = request.login ?? request.phone ?? request.email ?? ''
      try {
        await api<void>('/api/v1/auth/sign-in', { method: 'POST', body: { login, password: request.password } })
      } catch {
        return { signedIn: false }
      }
      await refreshCsrf()
      try {
        await join(request.childName ? { childName: request.childName } : {})
      } catch (error) {
        // The registration already asked to join: the usual case.
        if (!(error instanceof ApiError && error.status === 409)) throw error
      }
      return { signedIn: true }
    },
    onSuccess: (_, { registers }) =>
      registers ? afterSessionChange(queryClient) : queryClient.invalidateQueries({ queryKey: meQueryKey }),
  })
}
