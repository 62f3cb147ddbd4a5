import { useMutation, useQueryClient } from '@tanstack/react-query'
import { refreshCsrf } from '../../lib/csrf'
import type { Me } from '../../lib/api-types'
import { api } from '../../lib/http'
import { dropPushSubscription, meQueryKey } from '../../lib/session'
import type * as Wire from '../../lib/api-schema'

type TotpSetup = Wire.TotpSetupResponse

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
