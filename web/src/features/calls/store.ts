import type { GroupSession } from './group-session'
import type { CallSession } from './session'

// The call this tab is in, if any: one at a time, direct or group. The session lives outside React (it outlasts the
// screen that started it); the app frame shows its call screen, and the chat head's call buttons wait while there is
// one. The sessions' own code (session.ts, group-session.ts) loads with the first call: this module only holds it,
// and imports no React so that the sessions' chunks do not either.

/** A direct call's session or a group call's: `kind` tells them apart without loading either's code. */
export type TabCall = CallSession | GroupSession

let current: TabCall | null = null
const listeners = new Set<() => void>()

export function setCurrentCall(session: TabCall | null) {
  current = session
  listeners.forEach((listener) => listener())
}

export function currentCall(): TabCall | null {
  return current
}

/** For useSyncExternalStore. */
export function subscribeCurrentCall(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
