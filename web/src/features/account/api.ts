import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { refreshCsrf } from '../../lib/csrf'
import type { Me } from '../../lib/api-types'
import { api } from '../../lib/http'
import { dropPushSubscription, meQueryKey } from '../../lib/session'
import type * as Wire from '../../lib/api-schema'

type TotpSetup = Wire.TotpSetupResponse

/** The external identities linked to me (the provider only), the providers I may link, and the recovery window. */
export type SignInLinks = Wire.SignInLinksResponse
export type SignInLink = Wire.SignInLinkResponse
export type SignInProvider = Wire.SignInProviderResponse

export function useChangePassword() {
  return useMutation({
    mutationFn: (request: { currentPassword: string; newPassword: string }) =>
      api<void>('/api/v1/auth/change-password', { method: 'POST', body: request }),
    // The server re-issues the session cookie; the anti-forgery token follows it.
    onSuccess: () => refreshCsrf(),
  })
}

/** Pair with useLeaveSession in the caller's onSuccess. */
export function useSignOutEverywhere() {
  return useMutation({
    mutationFn: async () => {
      await dropPushSubscription()
      await api<void>('/api/v1/auth/sign-out-everywhere', { method: 'POST' })
    },
    onSuccess: () => refreshCsrf(),
  })
}

/** Replaces the login; the answer is the new /me. */
export function useChooseLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (login: string) => api<Me>('/api/v1/me/login', { method: 'PUT', body: { login } }),
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  })
}

export function useTotpSetup() {
  return useMutation({
    mutationFn: () => api<TotpSetup>('/api/v1/auth/totp/setup', { method: 'POST' }),
  })
}

/** Turns the second factor on or off; the server re-issues the session cookie either way. */
export function useTotpSwitch(action: 'enable' | 'disable') {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (code: string) =>
      api<void>(`/api/v1/auth/totp/${action}`, { method: 'POST', body: { code: code.replace(/\s/g, '') } }),
    onSuccess: async () => {
      await refreshCsrf()
      await queryClient.invalidateQueries({ queryKey: meQueryKey })
    },
  })
}

const signInLinksKey = ['sign-in-links'] as const

export function useSignInLinks() {
  return useQuery({ queryKey: signInLinksKey, queryFn: () => api<SignInLinks>('/api/v1/me/sign-in-links') })
}

/** The provider, then back to /external (features/auth/ExternalPage.tsx): a navigation, not a request. */
export function startLinking(provider: string) {
  window.location.assign(`/api/v1/auth/external/${encodeURIComponent(provider)}/start?purpose=link`)
}

/** Never the last way in: the server refuses (409 last-way-in) while there is no password and no other link. */
export function useUnlink() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (linkId: string) => api<void>(`/api/v1/me/sign-in-links/${linkId}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: signInLinksKey }),
  })
}

/**
 * A new password without the old one, within 15 minutes of signing in with a linked identity. Other sessions end;
 * this one goes on under a re-issued cookie (no longer a recovery one), so the anti-forgery token follows it.
 */
export function useRecoverPassword() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (newPassword: string) =>
      api<void>('/api/v1/auth/recover-password', { method: 'POST', body: { newPassword } }),
    onSuccess: async () => {
      await refreshCsrf()
      await queryClient.invalidateQueries({ queryKey: signInLinksKey })
    },
  })
}
