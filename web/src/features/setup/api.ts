import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../lib/http'
import { afterSessionChange } from '../../lib/session'

export interface OperatorSetupRequest {
  token: string
  displayName: string
  login: string
  password: string
  email?: string
}

/** Creates the operator and signs them in, so the session (and its anti-forgery token) change. */
export function useOperatorSetup() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: OperatorSetupRequest) =>
      api<void>('/api/v1/setup/operator', { method: 'POST', body: request }),
    onSuccess: () => afterSessionChange(queryClient),
  })
}

/** Whether the set-up link is still usable, asked before the form is shown (a used link gets a 404 problem). */
export function useSetupTokenCheck(token: string) {
  return useQuery({
    queryKey: ['setup', token],
    queryFn: () => api<void>(`/api/v1/setup/operator/${encodeURIComponent(token)}`),
    retry: false,
    enabled: token.length > 0,
  })
}
