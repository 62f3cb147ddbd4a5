import { useMutation, useQuery } from '@tanstack/react-query'
import type { SchoolType } from '../../lib/api-types'
import { api } from '../../lib/http'

export interface SchoolApplicationRequest {
  fullName: string
  shortName: string
  type: SchoolType
  region: string
  inn: string
  adminName: string
  adminPhone: string
  adminEmail: string
}

export function useSubmitApplication() {
  return useMutation({
    mutationFn: (request: SchoolApplicationRequest) =>
      api<{ id: string }>('/api/v1/school-applications', { method: 'POST', body: request }),
  })
}

/** Whether this install sends e-mail (GET /api/v1/settings): without it, no page may promise a letter. */
export function useMailConfigured() {
  return useQuery({
    queryKey: ['settings'],
    queryFn: () => api<{ mailConfigured: boolean }>('/api/v1/settings'),
    staleTime: Infinity,
    select: (settings) => settings.mailConfigured,
  })
}
