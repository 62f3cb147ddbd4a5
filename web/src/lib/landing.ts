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
