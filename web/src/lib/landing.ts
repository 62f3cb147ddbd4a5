// Where signing in leads, without React: read by the sign-in page (features/auth/signin.ts) and the app.
import type { Me } from './api-types'

/** Where signing in lands: the chat list of one's school when there is exactly one, else home (several schools,
 * pending requests, the operator). */
export function landingPath(me: Me | null): string {
  const schools = new Set((me?.memberships ?? []).filter((m) => m.status === 'Confirmed').map((m) => m.schoolId))
  return schools.size === 1 && !me?.isOperator ? `/school/${[...schools][0]}/chats` : '/'
}

/** Only same-site paths may be a destination after sign-in, never another origin. */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'
}

const externalNextKey = 'sfera.external-next'

/** Keeps where to go after an external sign-in across the trip to the provider (this tab only). */
export function keepNextForExternal(next: string | null) {
  try {
    if (next) sessionStorage.setItem(externalNextKey, safeNext(next))
    else sessionStorage.removeItem(externalNextKey)
  } catch {
    // Storage refused (a private window): the person lands where a sign-in without a destination does.
  }
}

/** The destination kept by {@link keepNextForExternal}, once: it is forgotten as it is read. */
export function takeNextAfterExternal(): string | null {
  try {
    const next = sessionStorage.getItem(externalNextKey)
    sessionStorage.removeItem(externalNextKey)
    return next
  } catch {
    return null
  }
}
