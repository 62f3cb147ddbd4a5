import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setLanguage } from './language'
import { ApiError } from './problem'
import { isAbortError, upload } from './upload'

/** Enough of XMLHttpRequest for upload(): each instance is kept so the test can answer it. */
class FakeXhr {
  static all: FakeXhr[] = []
  method = ''
  url = ''
  withCredentials = false
  headers: Record<string, string> = {}
  body: unknown
  status = 0
  responseText = ''
  responseHeaders: Record<string, string> = {}
  aborted = false
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = {
    onprogress: null,
  }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  ontimeout: (() => void) | null = null
  onabort: (() => void) | null = null

  constructor() {
    FakeXhr.all.push(this)
  }

  open(method: string, url: string) {
    this.method = method
    this.url = url
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }

  getResponseHeader(name: string) {
    return this.responseHeaders[name] ?? null
  }

  send(body: unknown) {
    this.body = body
  }

  abort() {
    this.aborted = true
    this.onabort?.()
  }

  respond(status: number, body: unknown, type = 'application/json') {
    this.status = status
    this.responseText = body === undefined ? '' : JSON.stringify(body)
    this.responseHeaders = { 'Content-Type': type }
    this.onload?.()
  }
}

let cookie = ''

/** The helper awaits the anti-forgery refresh before opening the request. */
async function nextXhr(index = FakeXhr.all.length): Promise<FakeXhr> {
  for (let i = 0; i < 20 && FakeXhr.all.length <= index; i++) await Promise.resolve()
  const xhr = FakeXhr.all[index]
  if (!xhr) throw new Error('no request was opened')
  return xhr
}

beforeEach(() => {
  FakeXhr.all = []
  cookie = 'XSRF-TOKEN=first'
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
  vi.stubGlobal('document', {
    get cookie() {
      return cookie
    },
    documentElement: {},
  })
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      cookie = 'XSRF-TOKEN=second'
      return new Response('{}', { status: 200 })
    }),
  )
  setLanguage('ru')
})

afterEach(() => vi.unstubAllGlobals())

const file = new Blob(['hello'], { type: 'text/plain' })

describe('upload', () => {
  it('posts the raw bytes with the anti-forgery header and the interface language, and answers the JSON', async () => {
    const started = upload<{ id: string }>('/api/v1/schools/s/files?name=a.txt', file)
    const xhr = await nextXhr()
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('/api/v1/schools/s/files?name=a.txt')
    expect(xhr.body).toBe(file)
    expect(xhr.headers['X-XSRF-TOKEN']).toBe('first')
    expect(xhr.headers['Accept-Language']).toBe('ru')
    expect(xhr.headers['Content-Type']).toBe('application/octet-stream')
    xhr.respond(201, { id: 'f1' })
    await expect(started.promise).resolves.toEqual({ id: 'f1' })
  })

  it('reports progress', async () => {
    const onProgress = vi.fn()
    const started = upload('/x', file, { onProgress })
    const xhr = await nextXhr()
    xhr.upload.onprogress?.({ loaded: 2, total: 5, lengthComputable: true })
    xhr.upload.onprogress?.({ loaded: 3, total: 0, lengthComputable: false })
    expect(onProgress.mock.calls).toEqual([
      [2, 5],
      [3, file.size],
    ])
    xhr.respond(201, {})
    await started.promise
  })

  it('cancels: the request is aborted and the promise rejects with an AbortError', async () => {
    const started = upload('/x', file)
    const xhr = await nextXhr()
    started.abort()
    expect(xhr.aborted).toBe(true)
    const error = await started.promise.catch((e: unknown) => e)
    expect(isAbortError(error)).toBe(true)
  })

  it('cancelled before the request opened: nothing is sent', async () => {
    const started = upload('/x', file)
    started.abort()
    const error = await started.promise.catch((e: unknown) => e)
    expect(isAbortError(error)).toBe(true)
    expect(FakeXhr.all).toHaveLength(0)
  })

  it('turns a problem into an ApiError carrying the server title and extensions', async () => {
    const started = upload('/x', file)
    const xhr = await nextXhr()
    xhr.respond(413, { status: 413, title: 'Файл слишком большой.', maxBytes: 1024 }, 'application/problem+json')
    const error = (await started.promise.catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(413)
    expect(error.message).toBe('Файл слишком большой.')
    expect(error.problem.extensions.maxBytes).toBe(1024)
  })

  it('gives a readable message when the answer is not a problem', async () => {
    const started = upload('/x', file)
    const xhr = await nextXhr()
    xhr.status = 502
    xhr.responseText = '<html>Bad gateway</html>'
    xhr.responseHeaders = { 'Content-Type': 'text/html' }
    xhr.onload?.()
    const error = (await started.promise.catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(502)
    expect(error.message).toMatch(/502/)
  })

  it('reports a network failure in the interface language', async () => {
    const started = upload('/x', file)
    const xhr = await nextXhr()
    xhr.onerror?.()
    const error = (await started.promise.catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(0)
    expect(error.message).toMatch(/Нет связи/)
  })

  it('refreshes a stale anti-forgery token and sends once more', async () => {
    const started = upload('/x', file)
    const first = await nextXhr(0)
    first.respond(
      400,
      { type: 'https://sfera.local/problems/csrf', title: 'stale', status: 400 },
      'application/problem+json',
    )
    const second = await nextXhr(1)
    expect(second.headers['X-XSRF-TOKEN']).toBe('second')
    expect(second.body).toBe(file)
    second.respond(201, { id: 'f2' })
    await expect(started.promise).resolves.toEqual({ id: 'f2' })
  })
})
