import { useQuery } from '@tanstack/react-query'
import { api } from './http'
import { ApiError } from './problem'
import type * as Wire from './api-schema'

/** An external identity (VK ID, say) that signed in linked to nobody and waits in this browser for ten minutes. */
export type PendingExternal = Wire.PendingExternalResponse

/**
 * The identity waiting to be linked by the activation or the invite that follows (features auth and join, after
 * `/external` sent the person there with `?link=1`); null when none waits. Not fetched unless `wanted`.
 */
export function usePendingExternal(wanted: boolean) {
  return useQuery({
    queryKey: ['auth', 'external', 'pending'],
    queryFn: async () => {
      try {
        return await api<PendingExternal>('/api/v1/auth/external/pending')
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null
        throw error
      }
    },
    enabled: wanted,
    staleTime: 0,
  })
}

/**
 * After an activation or a join was refused because of the waiting identity: one gone since the page opened
 * (`external-expired`), or one that is already another account's (`external-linked-elsewhere`, which is then
 * forgotten here). Either way none waits afterwards, so the next try goes on without linking. True when it was such a
 * refusal; `refetch` updates the page's note.
 */
export async function dropRefusedPendingExternal(
  problemKind: string | undefined,
  refetch: () => unknown,
): Promise<boolean> {
  if (problemKind !== 'external-expired' && problemKind !== 'external-linked-elsewhere') return false
  if (problemKind === 'external-linked-elsewhere')
    await api('/api/v1/auth/external/pending', { method: 'DELETE' }).catch(() => undefined)
  await refetch()
  return true
}
