import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../lib/http'
import { meQueryKey } from '../../lib/session'
import type * as Wire from '../../lib/api-schema'

type ClassSummary = Wire.ClassResponse

export type Invite = Wire.InviteResponse

/** The school's classes (the key is the one the admin console uses for the same list). */
export function useClasses(schoolId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['schools', schoolId, 'classes'],
    queryFn: () => api<ClassSummary[]>(`/api/v1/schools/${schoolId}/classes`),
    enabled,
  })
}

export function useParentInvite(schoolId: string) {
  return useMutation({
    mutationFn: () => api<Invite>(`/api/v1/schools/${schoolId}/parent-invite`, { method: 'POST' }),
  })
}

export function qrUrl(schoolId: string, inviteId: string) {
  return `/api/v1/schools/${schoolId}/invites/${inviteId}/qr`
}

/** A school's invitation to me: my phone or e-mail was entered there, and the school waits for my answer. */
export type MyInvitation = Wire.MyInvitationResponse

// Under the key of /me, so whatever refreshes who I am refreshes these too.
const myInvitationsKey = [...meQueryKey, 'invitations'] as const

export function useMyInvitations() {
  return useQuery({ queryKey: myInvitationsKey, queryFn: () => api<MyInvitation[]>('/api/v1/me/invitations') })
}

/**
 * Accepting makes me a member: /me (my memberships) and the school's chat list (the key the chats feature uses)
 * are fetched again so the school and its chats appear. Either answer takes the invitation off the list.
 */
export function useAnswerInvitation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ invitation, accept }: { invitation: MyInvitation; accept: boolean }) =>
      api<void>(`/api/v1/me/invitations/${invitation.id}/${accept ? 'accept' : 'decline'}`, { method: 'POST' }),
    onSettled: (_, __, { invitation, accept }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
        accept ? queryClient.invalidateQueries({ queryKey: ['schools', invitation.schoolId, 'chat-list'] }) : null,
      ]),
  })
}
