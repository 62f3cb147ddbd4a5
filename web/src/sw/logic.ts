// The service worker's decisions, without the worker: which requests it answers and how, what a push shows, where a
// click on a notification may lead. Unit-tested (logic.test.ts); service-worker.ts does the I/O.

/** Paths the server answers itself (API, realtime hub, health, metrics, API docs): never cached, never the app shell. */
const serverPaths = ['/api', '/hubs', '/health', '/metrics', '/openapi', '/swagger']

function isServerPath(pathname: string) {
  return serverPaths.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))
}

/**
 * How the worker treats a request:
 * - `page`: a navigation to a screen of the app: the network first, the cached app shell when offline;
 * - `signin`: the same for the sign-in page (its own document, signin.html);
 * - `asset`: a file of the build (content-hashed under /assets/, or an icon of the shell): the cache first;
 * - `pass`: anything else (the API, files, the hub, other hosts, unsafe methods) goes to the network untouched and is
 *   never stored.
 */
export type RequestKind = 'page' | 'signin' | 'asset' | 'pass'

export function requestKind(
  url: URL,
  request: { method: string; mode: string },
  origin: string,
  shell: ReadonlySet<string>,
): RequestKind {
  if (request.method !== 'GET' || url.origin !== origin || isServerPath(url.pathname)) return 'pass'
  if (request.mode === 'navigate') return url.pathname === '/signin' ? 'signin' : 'page'
  if (url.pathname.startsWith('/assets/') && !url.search) return 'asset'
  return shell.has(url.pathname) && !url.search ? 'asset' : 'pass'
}

/**
 * Where a notification's click may lead: a path of this origin only ("/school/…/chats/…"). Anything else (another
 * host, a scheme, "//host", a backslash trick, a server path) opens the app's start page.
 */
export function safeTarget(url: unknown, origin: string): string {
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//') || url.includes('\\')) return '/'
  let parsed: URL
  try {
    parsed = new URL(url, origin)
  } catch {
    return '/'
  }
  if (parsed.origin !== origin || isServerPath(parsed.pathname)) return '/'
  return parsed.pathname + parsed.search + parsed.hash
}

/** What the server's push carries (see docs/architecture.md, "The installable app"). */
export interface PushPayload {
  title: string
  body: string
  tag: string
  url: string
  unread: number | null
  kind: string
  lang?: string
}

export interface PushNotice {
  title: string
  options: {
    body: string
    tag?: string
    renotify: boolean
    data: { url: string }
    icon: string
    badge: string
    lang: string
  }
  /** The app badge to set (0 clears it), or null to leave it as it is. */
  unread: number | null
}

const maxText = 1000

function text(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, maxText) : ''
}

/**
 * A push's notification from its JSON (already parsed; anything else gives null). A push without a title still
 * shows one: a browser may penalise a push that shows nothing.
 */
export function pushNotice(data: unknown, origin: string, fallbackTitle: string): PushNotice | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null
  const push = data as Partial<Record<keyof PushPayload, unknown>>
  const tag = text(push.tag)
  const unread =
    typeof push.unread === 'number' && Number.isFinite(push.unread) ? Math.max(0, Math.floor(push.unread)) : null
  return {
    title: text(push.title) || fallbackTitle,
    options: {
      body: text(push.body),
      // renotify needs a tag: without one, every push is its own notification anyway.
      ...(tag ? { tag } : {}),
      renotify: Boolean(tag),
      data: { url: safeTarget(push.url, origin) },
      icon: '/icon-192.png',
      badge: '/badge-96.png',
      lang: push.lang === 'en' ? 'en' : 'ru',
    },
    unread,
  }
}
