import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import type * as Wire from './api-schema'
import { api } from './http'
import type { Language } from './language-store'

// This browser's Web Push subscription: whether it can have one, making it (permission, the server's VAPID key,
// PushManager.subscribe, POST /me/devices) and dropping it. The service worker that shows the pushes is the PWA's
// (/sw.js, registered by lib/pwa.ts in production builds): without a registration this browser cannot receive them.
// Used by the notification settings page, the chat's "turn notifications on?" banner and signing out.

export type Device = Wire.DeviceResponse
export type DeviceRequest = Wire.DeviceRequest

/** Whether this browser can receive pushes: yes, no, or (iPhone, iPad) only once Sfera is added to the home screen. */
export type PushAvailability = 'available' | 'unsupported' | 'install-first'

export interface BrowserFacts {
  serviceWorker: boolean
  pushManager: boolean
  notification: boolean
  /** A service worker is registered for the app (none in a development build). */
  registered: boolean
  ios: boolean
  /** Opened from the home screen (display-mode standalone, or Safari's navigator.standalone). */
  standalone: boolean
}

export function pushAvailability(facts: BrowserFacts): PushAvailability {
  // Safari on iOS 16.4+ offers Web Push only to a web app opened from the home screen; elsewhere it has no PushManager.
  if (facts.ios && !facts.standalone) return 'install-first'
  if (!facts.serviceWorker || !facts.pushManager || !facts.notification || !facts.registered) return 'unsupported'
  return 'available'
}

/** iPhone, iPod, iPad (iPadOS says "Macintosh" but has a touch screen). */
export function isIos(userAgent: string, maxTouchPoints = 0): boolean {
  return /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1)
}

const browsers: [RegExp, string][] = [
  [/YaBrowser\//, 'Yandex Browser'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Edg(A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Version\/[\d.]+.*Safari\//, 'Safari'],
]

const systems: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPod/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Macintosh|Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
]

/** A short name for the list of devices: "Chrome, Android", "Safari, iPhone"; the browser alone when the system is unknown. */
export function deviceName(userAgent: string, maxTouchPoints = 0): string {
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1] ?? 'Browser'
  // An iPad asking for the desktop site says Macintosh.
  const system =
    /Macintosh/.test(userAgent) && maxTouchPoints > 1 ? 'iPad' : systems.find(([p]) => p.test(userAgent))?.[1]
  return system ? `${browser}, ${system}` : browser
}

/** The server's VAPID key (base64url, as GET /me/push-key gives it) as PushManager.subscribe wants it. */
export function urlBase64ToUint8Array(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.trim().replace(/-/g, '+').replace(/_/g, '/')
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='))
  const bytes = new Uint8Array(new ArrayBuffer(binary.length))
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** What POST /me/devices takes, from PushSubscription.toJSON(); null when the browser gave no keys. */
export function deviceRequest(json: PushSubscriptionJSON, device: string, language: Language): DeviceRequest | null {
  const { endpoint, keys } = json
  if (!endpoint || !keys?.p256dh || !keys.auth) return null
  return { endpoint, p256dh: keys.p256dh, auth: keys.auth, device, language }
}

function sameBytes(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false
  const view = new Uint8Array(a)
  return view.every((byte, i) => byte === b[i])
}

/** Settles with `fallback` when `promise` has not within `ms` (a push service that does not answer). */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([promise, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms))])
}

function browserFacts(registered: boolean): BrowserFacts {
  const nav = typeof navigator === 'undefined' ? undefined : navigator
  const ua = nav?.userAgent ?? ''
  return {
    serviceWorker: Boolean(nav && 'serviceWorker' in nav),
    pushManager: typeof window !== 'undefined' && 'PushManager' in window,
    notification: typeof Notification !== 'undefined',
    registered,
    ios: isIos(ua, nav?.maxTouchPoints ?? 0),
    standalone:
      (typeof matchMedia !== 'undefined' && matchMedia('(display-mode: standalone)').matches) ||
      (nav as { standalone?: boolean } | undefined)?.standalone === true,
  }
}

/** The app's service worker registration, or null (none registered, or no service workers here). */
export async function pushRegistration(): Promise<ServiceWorkerRegistration | null> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return null
  try {
    // A first visit registers the worker after the page loads (lib/pwa.ts): a production build waits a moment for it.
    const registration =
      (await navigator.serviceWorker.getRegistration()) ??
      (import.meta.env.PROD ? await within(navigator.serviceWorker.ready, 3_000, undefined) : undefined)
    return registration && 'pushManager' in registration ? registration : null
  } catch {
    return null // a document without a secure context, say
  }
}

export interface ThisBrowser {
  availability: PushAvailability
  permission: NotificationPermission
  /** The endpoint of this browser's subscription, when it has one. */
  endpoint: string | null
}

export async function thisBrowser(): Promise<ThisBrowser> {
  const registration = await pushRegistration()
  const availability = pushAvailability(browserFacts(registration !== null))
  const permission = typeof Notification === 'undefined' ? 'default' : Notification.permission
  if (!registration || availability !== 'available') return { availability, permission, endpoint: null }
  const subscription = await registration.pushManager.getSubscription().catch(() => null)
  return { availability, permission, endpoint: permission === 'granted' ? (subscription?.endpoint ?? null) : null }
}

export const pushKeys = {
  thisBrowser: ['push', 'this-browser'] as const,
  devices: ['me', 'devices'] as const,
}

/** This browser's state; refetched when the tab comes back (the person may have changed the permission meanwhile). */
export function useThisBrowser() {
  return useQuery({ queryKey: pushKeys.thisBrowser, queryFn: thisBrowser, staleTime: 0 })
}

export class PushRefused extends Error {
  constructor(readonly reason: 'denied' | 'dismissed' | 'unsupported') {
    super(reason)
    this.name = 'PushRefused'
  }
}

/**
 * Turns notifications on in this browser: asks the permission (first, while the click still counts as the person's
 * gesture), subscribes with the server's key (replacing a subscription made with another key) and tells the server.
 */
export async function subscribeThisBrowser(language: Language): Promise<Device> {
  if (typeof Notification === 'undefined') throw new PushRefused('unsupported')
  const permission = await Notification.requestPermission()
  if (permission !== 'granted') throw new PushRefused(permission === 'denied' ? 'denied' : 'dismissed')
  if (!(await pushRegistration())) throw new PushRefused('unsupported')
  // Subscribing needs an active worker; a registration still installing becomes one.
  const registration = await within(navigator.serviceWorker.ready, 10_000, null)
  if (!registration) throw new PushRefused('unsupported')
  const { publicKey } = await api<Wire.PushKeyResponse>('/api/v1/me/push-key')
  const key = urlBase64ToUint8Array(publicKey)
  let subscription = await registration.pushManager.getSubscription()
  if (subscription && !sameBytes(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe()
    subscription = null
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key })
  const request = deviceRequest(
    subscription.toJSON(),
    deviceName(navigator.userAgent, navigator.maxTouchPoints),
    language,
  )
  if (!request) throw new PushRefused('unsupported')
  return api<Device>('/api/v1/me/devices', { method: 'POST', body: request })
}

/**
 * Tells the server again of the subscription this browser already has, when notifications are allowed: a browser may
 * renew its subscription, the server forgets one its push service refused, and the person who signs in here now is
 * the one to be told. Nothing is asked and nothing subscribes here.
 */
export async function renewThisBrowser(language: Language): Promise<void> {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  const registration = await pushRegistration()
  const subscription = await registration?.pushManager.getSubscription().catch(() => null)
  if (!subscription) return
  const request = deviceRequest(
    subscription.toJSON(),
    deviceName(navigator.userAgent, navigator.maxTouchPoints),
    language,
  )
  if (request) await api<Device>('/api/v1/me/devices', { method: 'POST', body: request }).catch(() => undefined)
}

const renewedFor = new Set<string>()

/** Once per page load and signed-in person: {@link renewThisBrowser}. */
export function useRenewedPushSubscription(accountId: string | null, language: Language) {
  useEffect(() => {
    if (!accountId || renewedFor.has(accountId)) return
    renewedFor.add(accountId)
    void renewThisBrowser(language)
  }, [accountId, language])
}

/** Drops this browser's subscription (the server forgets it at the next push, or the caller deletes the device); its endpoint. */
export async function unsubscribeThisBrowser(): Promise<string | null> {
  const registration = await pushRegistration()
  if (!registration) return null
  const subscription = await registration.pushManager.getSubscription().catch(() => null)
  if (!subscription) return null
  await within(
    subscription.unsubscribe().catch(() => false),
    3_000,
    false,
  )
  return subscription.endpoint
}

// "Turn notifications on?" in a chat: asked once a chat is open, not on the first screen, and not again for 30 days
// after "Не сейчас" (per browser).
const dismissedKey = 'sfera.pushPromptDismissedAt'
export const askAgainAfterMs = 30 * 24 * 60 * 60 * 1000

export interface AskFacts {
  availability: PushAvailability
  permission: NotificationPermission
  subscribed: boolean
  /** When "Не сейчас" was last pressed here (ms since the epoch), or null. */
  dismissedAt: number | null
  now: number
}

/** Whether to offer notifications now: a browser that can have them, was never asked, has none and was not put off lately. */
export function shouldAskForPush(facts: AskFacts): boolean {
  if (facts.availability !== 'available' || facts.permission !== 'default' || facts.subscribed) return false
  return facts.dismissedAt === null || facts.now - facts.dismissedAt >= askAgainAfterMs
}

export function pushPromptDismissedAt(): number | null {
  try {
    const value = Number(globalThis.localStorage?.getItem(dismissedKey))
    return Number.isFinite(value) && value > 0 ? value : null
  } catch {
    return null
  }
}

export function dismissPushPrompt(now = Date.now()) {
  try {
    globalThis.localStorage?.setItem(dismissedKey, String(now))
  } catch {
    // Storage blocked: asked again next time, no harm.
  }
}
