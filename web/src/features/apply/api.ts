import { useMutation } from '@tanstack/react-query'
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
