import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api } from './http'
import { setLanguage } from './language'
import { ApiError } from './problem'

function json(status: number, body: unknown, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

let cookie = ''
let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  cookie = 'XSRF-TOKEN=first'
  fetchMock = vi.fn()
  vi.stubGlobal('fetch', fetchMock)
  vi.stubGlobal('document', {
    get cookie() {
      return cookie
    },
    documentElement: {},
  })
  setLanguage('ru')
})

afterEach(() => vi.unstubAllGlobals())

function headersOf(call: number): Record<string, string> {
  return fetchMock.mock.calls[call][1].headers
}

describe('api', () => {
  it('sends the anti-forgery header on unsafe requests only', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { ok: true })).mockResolvedValueOnce(new Response(null, { status: 204 }))
    await api('/api/v1/me')
    await api('/api/v1/auth/sign-out', { method: 'POST' })
    expect(headersOf(0)['X-XSRF-TOKEN']).toBeUndefined()
    expect(headersOf(1)['X-XSRF-TOKEN']).toBe('first')
  })

  it('asks for messages in the interface language', async () => {
    fetchMock.mockImplementation(async () => json(200, {}))
    await api('/api/v1/me')
    setLanguage('en')
    await api('/api/v1/me')
    expect(headersOf(0)['Accept-Language']).toBe('ru')
    expect(headersOf(1)['Accept-Language']).toBe('en')
  })

  it('sends objects as JSON and text as it is', async () => {
    fetchMock.mockImplementation(async () => json(200, {}))
    await api('/x', { method: 'POST', body: { login: 'anna' } })
    await api('/y', { method: 'POST', body: 'role;name', contentType: 'text/csv; charset=utf-8' })
    expect(fetchMock.mock.calls[0][1].body).toBe('{"login":"anna"}')
    expect(headersOf(0)['Content-Type']).toBe('application/json')
    expect(fetchMock.mock.calls[1][1].body).toBe('role;name')
    expect(headersOf(1)['Content-Type']).toBe('text/csv; charset=utf-8')
  })

  it('turns a problem response into an ApiError with the server message', async () => {
    fetchMock.mockResolvedValue(
      json(
        422,
        {
          type: 'https://sfera.local/problems/self-parent',
          title: 'Нельзя стать родителем самому себе.',
          status: 422,
        },
        'application/problem+json',
      ),
    )
    const error = await api('/api/v1/invites/t/join', { method: 'POST', body: {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(422)
    expect((error as ApiError).message).toBe('Нельзя стать родителем самому себе.')
  })

  it('refreshes a stale anti-forgery token and retries once', async () => {
    fetchMock
      .mockResolvedValueOnce(
        json(
          400,
          { type: 'https://sfera.local/problems/csrf', title: 'stale', status: 400 },
          'application/problem+json',
        ),
      )
      .mockImplementationOnce(async () => {
        cookie = 'XSRF-TOKEN=second' // what the server's Set-Cookie does
        return json(200, { token: 'second' })
      })
      .mockResolvedValueOnce(new Response(null, { status: 204 }))
    await api('/api/v1/auth/sign-out', { method: 'POST' })
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual([
      '/api/v1/auth/sign-out',
      '/api/v1/auth/csrf',
      '/api/v1/auth/sign-out',
    ])
    expect(headersOf(2)['X-XSRF-TOKEN']).toBe('second')
  })

  it('does not retry other bad requests', async () => {
    fetchMock.mockResolvedValue(json(400, { title: 'invalid', errors: { inn: ['bad'] } }, 'application/problem+json'))
    await expect(api('/x', { method: 'POST', body: {} })).rejects.toBeInstanceOf(ApiError)
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it('reports a network failure in the interface language', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const error = (await api('/api/v1/me').catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(0)
    expect(error.message).toMatch(/Нет связи/)
  })
})
