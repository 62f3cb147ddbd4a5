import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MembershipStatus, Role } from '../../lib/api-types'
import { api } from '../../lib/http'
import { afterSessionChange, meQueryKey } from '../../lib/session'

export interface InvitePreview {
  schoolName: string
  role: Role
  className: string | null
  childName: string | null
}

export interface JoinRequest {
  displayName?: string
  login?: string
  phone?: string
  email?: string
  password?: string
}

interface JoinResponse {
  schoolId: string
  schoolName: string
  status: MembershipStatus
}

export function useInvitePreview(token: string) {
  return useQuery({
    queryKey: ['invites', token],
    queryFn: () => api<InvitePreview>(`/api/v1/invites/${encodeURIComponent(token)}`),
    retry: false,
  })
}

/** Joins as the signed-in person, or registers (and so signs in) a newcomer first. */
export function useJoin(token: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ request }: { request: JoinRequest; registers: boolean }) =>
      api<JoinResponse>(`/api/v1/invites/${encodeURIComponent(token)}/join`, { method: 'POST', body: request }),
    onSuccess: (_, { registers }) =>
      registers ? afterSessionChange(queryClient) : queryClient.invalidateQueries({ queryKey: meQueryKey }),
  })
}
