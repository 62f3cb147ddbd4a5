/// <reference lib="webworker" />
// The service worker, served at /sw.js with scope / (built by scripts/service-worker.ts, which fills in the version and
// the list below). It keeps the app shell so the app opens offline, and shows pushes. It never stores an API answer,
// a file or anything else personal: those requests pass it by (logic.ts, requestKind). A new version waits until the
// page asks it to take over (the update bar, lib/pwa.ts).
import { pushNotice, requestKind, safeTarget } from './logic'

declare const self: ServiceWorkerGlobalScope
// Filled in at build time.
declare const __SW_VERSION__: string
declare const __SW_PRECACHE__: string[]

const origin = self.location.origin
const shellCache = `sfera-shell-${__SW_VERSION__}`
// Files of the build fetched later (the screens' chunks): stored as they pass, dropped with the version.
const assetCache = `sfera-assets-${__SW_VERSION__}`
const shell = new Set(__SW_PRECACHE__)

async function precache() {
  const cache = await caches.open(shellCache)
  await Promise.all(
    [...shell].map(async (url) => {
      const hashed = url.startsWith('/assets/')
      // A content-hashed file that an earlier version holds is this very file: no download.
      const held = hashed ? await caches.match(url, { ignoreVary: true }) : undefined
      if (held) return cache.put(url, held)
      // The documents and icons are revalidated; hashed files may come from the HTTP cache.
      const response = await fetch(new Request(url, { cache: hashed ? 'default' : 'no-cache' }))
      if (!response.ok) throw new Error(`${url}: ${response.status}`)
      await cache.put(url, response)
    }),
  )
}

self.addEventListener('install', (event) => event.waitUntil(precache()))

self.addEventListener('activate', (event) =>
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith('sfera-') && name !== shellCache && name !== assetCache) await caches.delete(name)
      // The first version controls the open tabs at once (nothing to replace); a later one gets here only when a tab
      // asked it to (SKIP_WAITING), and the tabs reload then.
      await self.clients.claim()
    })(),
  ),
)

async function fromCache(request: Request): Promise<Response> {
  const held = await caches.match(request, { ignoreVary: true })
  if (held) return held
  const response = await fetch(request)
  if (response.ok && response.type === 'basic' && new URL(request.url).pathname.startsWith('/assets/')) {
    const cache = await caches.open(assetCache)
    await cache.put(request, response.clone())
  }
  return response
}

/** The network first (a page is `no-cache`: a new release shows at once); offline, the stored document. */
async function page(request: Request, document: string): Promise<Response> {
  try {
    return await fetch(request)
  } catch (error) {
    const held = await caches.match(document, { ignoreVary: true })
    if (held) return held
    throw error
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  const kind = requestKind(url, event.request, origin, shell)
  if (kind === 'pass') return
  if (kind === 'asset') event.respondWith(fromCache(event.request))
  else event.respondWith(page(event.request, kind === 'signin' ? '/signin.html' : '/index.html'))
})

/** Files the page loaded before this worker controlled it (its first visit): stored for offline use. */
async function remember(urls: unknown[]) {
  const cache = await caches.open(assetCache)
  for (const value of urls) {
    if (typeof value !== 'string') continue
    const url = new URL(value, origin)
    if (requestKind(url, { method: 'GET', mode: 'no-cors' }, origin, shell) !== 'asset') continue
    if (await caches.match(url.pathname, { ignoreVary: true })) continue
    try {
      const response = await fetch(url.pathname)
      if (response.ok) await cache.put(url.pathname, response)
    } catch {
      // offline again: it is stored when next fetched
    }
  }
}

self.addEventListener('message', (event) => {
  const data: unknown = event.data
  if (typeof data !== 'object' || data === null) return
  const message = data as { type?: unknown; urls?: unknown }
  if (message.type === 'SKIP_WAITING') void self.skipWaiting()
  else if (message.type === 'CACHE' && Array.isArray(message.urls)) event.waitUntil(remember(message.urls))
})

async function setBadge(unread: number | null) {
  if (unread === null) return
  const navigator = self.navigator
  try {
    if (unread > 0 && 'setAppBadge' in navigator) await navigator.setAppBadge(unread)
    else if (unread === 0 && 'clearAppBadge' in navigator) await navigator.clearAppBadge()
  } catch {
    // not an installed app, or badges not allowed: the notification still shows
  }
}

self.addEventListener('push', (event) => {
  let data: unknown = {}
  try {
    data = event.data?.json() ?? {}
  } catch {
    data = {} // not JSON: a plain notification rather than none
  }
  const notice = pushNotice(data, origin, 'Сфера') ?? pushNotice({}, origin, 'Сфера')!
  event.waitUntil(
    Promise.all([self.registration.showNotification(notice.title, notice.options), setBadge(notice.unread)]),
  )
})

/** Brings the app forward at `target`: an open window of the app goes there, or a new one opens. */
async function openApp(target: string) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
  const client =
    windows.find((w) => w.focused) ?? windows.find((w) => w.visibilityState === 'visible') ?? windows[0] ?? null
  if (!client) {
    await self.clients.openWindow(target)
    return
  }
  const focused = await client.focus().catch(() => client)
  // The app moves there itself (lib/pwa.ts), keeping a call or a draft; the sign-in page has no app to move.
  if (new URL(focused.url).pathname === '/signin') await focused.navigate(target).catch(() => null)
  else focused.postMessage({ type: 'NAVIGATE', url: target })
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const data: unknown = event.notification.data
  const url = typeof data === 'object' && data !== null ? (data as { url?: unknown }).url : undefined
  event.waitUntil(openApp(safeTarget(url, origin)))
})
