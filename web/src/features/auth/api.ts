import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../lib/http'
import { afterSessionChange } from '../../lib/session'
import type * as Wire from '../../lib/api-schema'

export interface SignInRequest {
  login: string
  password: string
  totpCode?: string
}

type ActivateResponse = Wire.ActivateResponse

export type ExternalOutcome = Wire.ExternalOutcomeResponse

/** Signs in (the sign-in page, features/auth/signin.ts, sends the same request itself). */
function signIn(request: SignInRequest) {
  return api<void>('/api/v1/auth/sign-in', { method: 'POST', body: request })
}

/** Sets the password with the one-time code, then signs in with the login the server returns. */
export function useActivate() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ code, password, linkExternal }: { code: string; password: string; linkExternal: boolean }) => {
      const { login } = await api<ActivateResponse>('/api/v1/auth/activate', {
        method: 'POST',
        // Also links the external identity waiting in this browser (after /external, `?link=1`).
        body: { code: code.trim(), password, ...(linkExternal ? { linkExternal: true } : {}) },
      })
      try {
        await signIn({ login, password })
        return { login, signedIn: true }
      } catch {
        // The password is set and the code spent either way; a second factor (say) is asked for on the sign-in page.
        return { login, signedIn: false }
      }
    },
    onSuccess: () => afterSessionChange(queryClient),
  })
}

/**
 * After the provider sent the browser back to /external: signs in with the account the identity is linked to (with the
 * authenticator code when the account asks for one), or makes the link the account page started. The caller moves on
 * with a full load or to the account page, so no cache is touched here.
 */
export function useCompleteExternal() {
  return useMutation({
    mutationFn: (totpCode?: string) =>
      api<ExternalOutcome>('/api/v1/auth/external/complete', {
        method: 'POST',
        body: totpCode ? { totpCode: totpCode.replace(/\s/g, '') } : {},
      }),
  })
}

/** Forgets the identity waiting in this browser (nothing was created for it). */
export function useForgetPendingExternal() {
  return useMutation({
    mutationFn: () => api<void>('/api/v1/auth/external/pending', { method: 'DELETE' }),
  })
}
