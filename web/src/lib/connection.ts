// Whether the server can be reached, without React (http.ts, used by the sign-in page too, reports each request):
// a request that got no answer at all (fetch's TypeError) means offline; any answer means online again. The app's
// bar and its retries are in lib/app-bars.tsx.
import { ApiError } from './problem'

let offline = typeof navigator !== 'undefined' && navigator.onLine === false
const listeners = new Set<() => void>()

function set(value: boolean) {
  if (value === offline) return
  offline = value
  listeners.forEach((listener) => listener())
}

export function markOffline() {
  set(true)
}

export function markOnline() {
  set(false)
}

export function isOffline(): boolean {
  return offline
}

export function subscribeConnection(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** A request that never reached the server (http.ts turns fetch's TypeError into status 0). */
export function isNetworkError(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0
}

if (typeof window !== 'undefined') window.addEventListener('offline', markOffline)
