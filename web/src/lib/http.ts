import { markOffline, markOnline } from './connection'
import { csrfHeaders, csrfReady, refreshCsrf } from './csrf'
import { translate } from './translate'
import { getLanguage } from './language-store'
import { ApiError, parseProblem, problemKind, type Problem } from './problem'
import { commonTexts } from './texts'

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** An object is sent as JSON; a string is sent as it is with {@link contentType}. */
  body?: unknown
  contentType?: string
  /** More headers (a guest's key for a call, say). */
  headers?: Record<string, string>
  signal?: AbortSignal
}

function isUnsafe(method: string) {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS'
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) return undefined
  const type = response.headers.get('Content-Type') ?? ''
  if (!type.includes('json')) return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** "No connection" in the interface language, for requests that never got an answer. */
export function networkProblem(): Problem {
  return { status: 0, title: translate(commonTexts, getLanguage(), 'networkError'), errors: {}, extensions: {} }
}

/**
 * Calls the Sfera API: asks for messages in the interface language, sends the anti-forgery header on unsafe
 * requests, and turns every failure into an {@link ApiError} carrying the server's problem details. A stale
 * anti-forgery token (after a sign-in in another tab, say) is refreshed and the request retried once.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return send<T>(path, options, false)
}

async function send<T>(path: string, options: RequestOptions, retried: boolean): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': getLanguage(),
    ...options.headers,
  }
  let body: string | undefined
  if (options.body !== undefined) {
    if (typeof options.body === 'string' && options.contentType) {
      body = options.body
      headers['Content-Type'] = options.contentType
    } else {
      body = JSON.stringify(options.body)
      headers['Content-Type'] = 'application/json'
    }
  }
  if (isUnsafe(method)) {
    await csrfReady()
    Object.assign(headers, csrfHeaders())
  }

  let response: Response
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    markOffline()
    throw new ApiError(networkProblem())
  }
  markOnline()

  const content = await readBody(response)
  if (response.ok) return content as T

  const fallback = translate(commonTexts, getLanguage(), 'serverError', { status: response.status })
  const problem = parseProblem(response.status, content, fallback)
  if (!retried && isUnsafe(method) && response.status === 400 && problemKind(problem) === 'csrf') {
    await refreshCsrf()
    return send<T>(path, options, true)
  }
  throw new ApiError(problem)
}
