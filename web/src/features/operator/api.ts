import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../lib/http'
import type * as Wire from '../../lib/api-schema'

export type ApplicationStatus = 'Pending' | 'Approved' | 'Rejected'

export type SchoolApplication = Wire.SchoolApplicationResponse

/** A new administrator account (its login and one-time activation link), or an invitation sent to an existing account. */
export type ApproveResponse = Wire.ApproveResponse

export type ApprovalOutcome =
  | { kind: 'invited' }
  | { kind: 'activation'; activationUrl: string; adminLogin: string | null }
  | { kind: 'hasPassword'; adminLogin: string | null }

/** What the operator is told after approving. */
export function approvalOutcome(response: ApproveResponse): ApprovalOutcome {
  if (response.invitedExistingAccount) return { kind: 'invited' }
  if (response.activationUrl)
    return { kind: 'activation', activationUrl: response.activationUrl, adminLogin: response.adminLogin }
  return { kind: 'hasPassword', adminLogin: response.adminLogin }
}

const applicationsKey = ['operator', 'applications'] as const

export function useApplications(status: ApplicationStatus | null) {
  return useQuery({
    queryKey: [...applicationsKey, status ?? 'all'],
    queryFn: () => api<SchoolApplication[]>(`/api/v1/operator/applications${status ? `?status=${status}` : ''}`),
  })
}

export function useApprove() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api<ApproveResponse>(`/api/v1/operator/applications/${id}/approve`, { method: 'POST' }),
    onSettled: () => {
      // A new school joins the list of connected schools too (not waited for).
      void queryClient.invalidateQueries({ queryKey: schoolsKey })
      return queryClient.invalidateQueries({ queryKey: applicationsKey })
    },
  })
}

export function useReject() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api<void>(`/api/v1/operator/applications/${id}/reject`, {
        method: 'POST',
        body: { reason: reason.trim() || null },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: applicationsKey }),
  })
}

export type OperatorSchool = Wire.OperatorSchoolResponse

const schoolsKey = ['operator', 'schools'] as const

export function useOperatorSchools() {
  return useQuery({ queryKey: schoolsKey, queryFn: () => api<OperatorSchool[]>('/api/v1/operator/schools') })
}

/** A school's own storage quota in bytes; null returns it to the install-wide default. */
export function useSetQuota() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, quotaBytes }: { id: string; quotaBytes: number | null }) =>
      api<OperatorSchool>(`/api/v1/operator/schools/${id}/quota`, { method: 'PUT', body: { quotaBytes } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: schoolsKey }),
  })
}
