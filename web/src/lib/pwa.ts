// The installable app's page side: registers the service worker (/sw.js, built from src/sw/), offers a new version
// when one is waiting (the bar in lib/app-bars.tsx), looks for one when the app comes back to the foreground and every
// hour, and follows a notification's click to its chat. Production builds only (main.tsx).

/** What a tab does when the worker controlling it changes. */
export type ControllerChange = 'first' | 'reload' | 'offer'

/**
 * The first worker taking control of a tab that had none changes nothing; a new version taking over reloads the tab
 * that asked for it (once), and other tabs are offered the reload: they may hold a draft or a call.
 */
export function controllerChange(hadController: boolean, asked: boolean): ControllerChange {
  if (!hadController) return 'first'
  return asked ? 'reload' : 'offer'
}

/** The build's files this page loaded (before a worker controlled it), for the worker to keep for offline use. */
export function loadedAssets(entries: readonly { name: string }[], origin: string): string[] {
  const paths = new Set<string>()
  for (const entry of entries) {
    let url: URL
    try {
      url = new URL(entry.name)
    } catch {
      continue
    }
    if (url.origin === origin && url.pathname.startsWith('/assets/') && !url.search) paths.add(url.pathname)
  }
  return [...paths]
}

/** A path of this app that a notification's click asks to open, or null for anything else. */
export function navigationTarget(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null
  const { type, url } = data as { type?: unknown; url?: unknown }
  if (type !== 'NAVIGATE' || typeof url !== 'string') return null
  return url.startsWith('/') && !url.startsWith('//') && !url.includes('\\') ? url : null
}

// The update's state, read by the bar through useSyncExternalStore.
let updateReady = false
let waiting: ServiceWorker | null = null
let asked = false
const listeners = new Set<() => void>()

function offer(worker: ServiceWorker | null) {
  waiting = worker
  updateReady = true
  listeners.forEach((listener) => listener())
}

export function isUpdateReady(): boolean {
  return updateReady
}

export function subscribeUpdate(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** "Обновить": the waiting worker takes over, and the tab reloads when it has (controllerchange). */
export function applyUpdate() {
  asked = true
  if (waiting && waiting.state === 'installed') waiting.postMessage({ type: 'SKIP_WAITING' })
  // Another tab let it in already: this one only needs the new page.
  else location.reload()
}

function watch(registration: ServiceWorkerRegistration) {
  // Only a worker that would replace the one in control is an update; the first install is not.
  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting)
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && navigator.serviceWorker.controller) offer(installing)
    })
  })
}

const hour = 60 * 60 * 1000

export async function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return
  const container = navigator.serviceWorker
  let controlled = Boolean(container.controller)
  let reloading = false
  container.addEventListener('controllerchange', () => {
    const change = controllerChange(controlled, asked)
    controlled = true
    if (change === 'reload' && !reloading) {
      reloading = true
      location.reload()
    } else if (change === 'offer') offer(null)
  })
  container.addEventListener('message', (event) => {
    const target = navigationTarget(event.data)
    if (!target) return
    // React Router follows the address on popstate: the app moves without a reload (a call goes on).
    history.pushState(null, '', target)
    dispatchEvent(new PopStateEvent('popstate'))
  })
  container.startMessages()

  // Always fetched past the HTTP cache: the server says no-cache anyway.
  const registration = await container.register('/sw.js', { scope: '/', updateViaCache: 'none' })
  watch(registration)
  const check = () => void registration.update().catch(() => undefined) // offline: the next check
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check()
  })
  setInterval(check, hour)

  const ready = await container.ready
  ready.active?.postMessage({ type: 'CACHE', urls: loadedAssets(performance.getEntriesByType('resource'), origin) })
}
