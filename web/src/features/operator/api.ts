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
    onSettled: () => queryClient.invalidateQueries({ queryKey: applicationsKey }),
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
