import { useMutation, useQuery } from '@tanstack/react-query'
import type { PersonRef, Role } from '../../lib/api-types'
import { api } from '../../lib/http'

interface ClassSummary {
  id: string
  name: string
  classTeacher: PersonRef | null
}

export interface Invite {
  id: string
  url: string
  role: Role
  classId: string | null
  className: string | null
  expiresAt: string
  maxUses: number
  uses: number
  revoked: boolean
  forParentOfChild: boolean
}

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
