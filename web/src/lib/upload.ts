import { csrfHeaders, csrfReady, refreshCsrf } from './csrf'
import { networkProblem } from './http'
import { translate } from './i18n'
import { getLanguage } from './language'
import { ApiError, parseProblem, problemKind } from './problem'
import { commonTexts } from './texts'

// Uploads with progress and cancelling, which fetch cannot give: the request body is the file's bytes
// (application/octet-stream), sent with XMLHttpRequest. Otherwise it behaves like api() in http.ts: the interface
// language, the anti-forgery header (and one retry after a stale token), failures as ApiError with the problem.

export interface UploadOptions {
  /** Bytes sent so far of all of them; called as the browser reports. */
  onProgress?: (loaded: number, total: number) => void
  contentType?: string
}

export interface Upload<T> {
  promise: Promise<T>
  /** Stops the upload; the promise then rejects with an AbortError (see {@link isAbortError}). */
  abort: () => void
}

interface Answer {
  status: number
  body: unknown
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

function abortError() {
  return new DOMException('The upload was cancelled.', 'AbortError')
}

function readBody(xhr: XMLHttpRequest): unknown {
  const text = xhr.responseText
  if (!text) return undefined
  if (!(xhr.getResponseHeader('Content-Type') ?? '').includes('json')) return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** POSTs `body` to `path` (query string included) and answers the parsed JSON response. */
export function upload<T>(path: string, body: Blob, options: UploadOptions = {}): Upload<T> {
  let current: XMLHttpRequest | null = null
  let aborted = false

  const sendOnce = () =>
    new Promise<Answer>((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      current = xhr
      xhr.open('POST', path)
      xhr.withCredentials = true
      xhr.setRequestHeader('Accept', 'application/json, application/problem+json')
      xhr.setRequestHeader('Accept-Language', getLanguage())
      xhr.setRequestHeader('Content-Type', options.contentType ?? 'application/octet-stream')
      for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value)
      xhr.upload.onprogress = (e) => options.onProgress?.(e.loaded, e.lengthComputable ? e.total : body.size)
      xhr.onload = () => resolve({ status: xhr.status, body: readBody(xhr) })
      xhr.onerror = () => reject(new ApiError(networkProblem()))
      xhr.ontimeout = () => reject(new ApiError(networkProblem()))
      xhr.onabort = () => reject(abortError())
      xhr.send(body)
    })

  const promise = (async () => {
    for (let retried = false; ; retried = true) {
      await csrfReady()
      if (aborted) throw abortError()
      const answer = await sendOnce()
      if (answer.status >= 200 && answer.status < 300) return answer.body as T
      const fallback = translate(commonTexts, getLanguage(), 'serverError', { status: answer.status })
      const problem = parseProblem(answer.status, answer.body, fallback)
      if (!retried && answer.status === 400 && problemKind(problem) === 'csrf') {
        await refreshCsrf()
        continue
      }
      throw new ApiError(problem)
    }
  })()

  return {
    promise,
    abort: () => {
      aborted = true
      current?.abort()
    },
  }
}
