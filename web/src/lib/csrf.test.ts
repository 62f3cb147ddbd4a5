import { afterEach, describe, expect, it, vi } from 'vitest'
import { csrfHeaders, readCookie, refreshCsrf } from './csrf'

afterEach(() => vi.unstubAllGlobals())

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    const cookies = 'theme=dark; XSRF-TOKEN=CfDJ8%2Babc%3D; other=1'
    expect(readCookie('XSRF-TOKEN', cookies)).toBe('CfDJ8+abc=')
    expect(readCookie('missing', cookies)).toBeNull()
  })

  it('does not match a cookie whose name only ends the same', () => {
    expect(readCookie('XSRF-TOKEN', 'OLD-XSRF-TOKEN=nope')).toBeNull()
  })
})

describe('csrfHeaders', () => {
  it('echoes the cookie in the X-XSRF-TOKEN header', () => {
    expect(csrfHeaders('XSRF-TOKEN=t0k3n')).toEqual({ 'X-XSRF-TOKEN': 't0k3n' })
  })

  it('sends no header when there is no cookie yet', () => {
    expect(csrfHeaders('')).toEqual({})
  })
})

describe('refreshCsrf', () => {
  it('asks the server for a fresh token and survives a network failure', async () => {
    const fetchMock = vi.fn().mockRejectedValue(new TypeError('offline'))
    vi.stubGlobal('fetch', fetchMock)
    await expect(refreshCsrf()).resolves.toBeUndefined()
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/auth/csrf', expect.objectContaining({ credentials: 'same-origin' }))
  })

  it('reads the answer to its end, so the request does not stay open', async () => {
    const response = new Response(JSON.stringify({ token: 't0k3n' }), {
      headers: { 'Content-Type': 'application/json' },
    })
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(response))
    await refreshCsrf()
    expect(response.bodyUsed).toBe(true)
  })
})
