import type { CallSession } from './session'

// The call this tab is in, if any. The session lives outside React (it outlasts the screen that started it); the app
// frame shows its call screen, and the chat head's call buttons wait while there is one. The session's own code
// (session.ts) loads with the first call: this module only holds it, and imports no React so that the session's
// chunk does not either.

let current: CallSession | null = null
const listeners = new Set<() => void>()

export function setCurrentCall(session: CallSession | null) {
  current = session
  listeners.forEach((listener) => listener())
}

export function currentCall(): CallSession | null {
  return current
}

/** For useSyncExternalStore. */
export function subscribeCurrentCall(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
