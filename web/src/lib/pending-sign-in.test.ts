import { beforeEach, describe, expect, it, vi } from 'vitest'
import { api } from './http'
import { dropRefusedPendingExternal } from './pending-sign-in'

vi.mock('./http', () => ({ api: vi.fn(async () => undefined) }))

describe('a refusal because of the waiting external identity', () => {
  beforeEach(() => vi.mocked(api).mockClear())

  it('forgets an identity that is another account’s, so the next try goes on without it', async () => {
    const refetch = vi.fn()
    expect(await dropRefusedPendingExternal('external-linked-elsewhere', refetch)).toBe(true)
    expect(api).toHaveBeenCalledWith('/api/v1/auth/external/pending', { method: 'DELETE' })
    expect(refetch).toHaveBeenCalledOnce()
  })

  it('only looks again when the identity has gone by itself', async () => {
    const refetch = vi.fn()
    expect(await dropRefusedPendingExternal('external-expired', refetch)).toBe(true)
    expect(api).not.toHaveBeenCalled()
    expect(refetch).toHaveBeenCalledOnce()
  })

  it('leaves any other refusal to the form', async () => {
    const refetch = vi.fn()
    expect(await dropRefusedPendingExternal('code-invalid', refetch)).toBe(false)
    expect(refetch).not.toHaveBeenCalled()
  })
})
