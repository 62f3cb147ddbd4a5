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

/** Signs in (the sign-in page, features/auth/signin.ts, sends the same request itself). */
function signIn(request: SignInRequest) {
  return api<void>('/api/v1/auth/sign-in', { method: 'POST', body: request })
}

/** Sets the password with the one-time code, then signs in with the login the server returns. */
export function useActivate() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ code, password }: { code: string; password: string }) => {
      const { login } = await api<ActivateResponse>('/api/v1/auth/activate', {
        method: 'POST',
        body: { code: code.trim(), password },
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
