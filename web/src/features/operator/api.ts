import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { SchoolType } from '../../lib/api-types'
import { api } from '../../lib/http'

export type ApplicationStatus = 'Pending' | 'Approved' | 'Rejected'

export interface SchoolApplication {
  id: string
  fullName: string
  shortName: string
  type: SchoolType
  region: string
  inn: string
  adminName: string
  adminPhone: string
  adminEmail: string
  status: ApplicationStatus
  submittedAt: string
  decidedAt: string | null
  rejectionReason: string | null
  schoolId: string | null
}

export interface ApproveResponse {
  schoolId: string
  adminLogin: string
  activationUrl: string | null
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
      api<void>(`/api/v1/operator/applications/${id}/reject`, { method: 'POST', body: { reason: reason.trim() || null } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: applicationsKey }),
  })
}

export interface OperatorSchool {
  id: string
  shortName: string
  fullName: string
  region: string
  createdAt: string
  people: number
  storageUsedBytes: number
  storageQuotaBytes: number
  quotaIsDefault: boolean
}

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
