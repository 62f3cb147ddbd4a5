export const csrfCookieName = 'XSRF-TOKEN'
export const csrfHeaderName = 'X-XSRF-TOKEN'

export function readCookie(
  name: string,
  cookies: string = typeof document === 'undefined' ? '' : document.cookie,
): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return null
}

let pending: Promise<void> = Promise.resolve()

/**
 * Asks the server for a fresh anti-forgery cookie. The token is tied to the signed-in user, so this runs at
 * start-up and after every sign-in, sign-out and registration. Unsafe requests wait for the latest refresh.
 */
export function refreshCsrf(): Promise<void> {
  pending = fetch('/api/v1/auth/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    // The cookie is what counts, but the body is read to its end: an unread body keeps the request open, and the
    // page never goes network-idle.
    .then((response) => response.arrayBuffer())
    .then(() => undefined)
    // Offline or server down: the request that needed the token fails on its own and says so.
    .catch(() => undefined)
  return pending
}

export function csrfReady(): Promise<void> {
  return pending
}

/** The header an unsafe request carries, read from the cookie at send time so every tab uses the newest token. */
export function csrfHeaders(cookies?: string): Record<string, string> {
  const token = readCookie(csrfCookieName, cookies)
  return token ? { [csrfHeaderName]: token } : {}
}
