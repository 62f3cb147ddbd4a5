import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  askAgainAfterMs,
  type BrowserFacts,
  deviceName,
  deviceRequest,
  isIos,
  pushAvailability,
  renewThisBrowser,
  shouldAskForPush,
  urlBase64ToUint8Array,
} from './push'

const ua = {
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
  yandex:
    'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 YaBrowser/24.4.1.99 Mobile Safari/537.36',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  samsung:
    'Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  opera:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/112.0.0.0',
}

describe('deviceName', () => {
  it('names the browser and the system', () => {
    expect(deviceName(ua.chromeAndroid)).toBe('Chrome, Android')
    expect(deviceName(ua.chromeWindows)).toBe('Chrome, Windows')
    expect(deviceName(ua.edge)).toBe('Edge, Windows')
    expect(deviceName(ua.yandex)).toBe('Yandex Browser, Android')
    expect(deviceName(ua.firefoxLinux)).toBe('Firefox, Linux')
    expect(deviceName(ua.safariIphone)).toBe('Safari, iPhone')
    expect(deviceName(ua.safariMac)).toBe('Safari, macOS')
    expect(deviceName(ua.samsung)).toBe('Samsung Internet, Android')
    expect(deviceName(ua.opera)).toBe('Opera, Windows')
  })

  it('takes a Mac with a touch screen for an iPad', () => {
    expect(deviceName(ua.safariMac, 5)).toBe('Safari, iPad')
    expect(isIos(ua.safariMac, 5)).toBe(true)
    expect(isIos(ua.safariMac, 0)).toBe(false)
    expect(isIos(ua.safariIphone)).toBe(true)
  })

  it('says what it can of an unknown agent', () => {
    expect(deviceName('')).toBe('Browser')
    expect(deviceName('Something/1.0 (Windows NT 10.0)')).toBe('Browser, Windows')
  })
})

describe('urlBase64ToUint8Array', () => {
  it('decodes base64url without padding', () => {
    expect([...urlBase64ToUint8Array('AQID')]).toEqual([1, 2, 3])
    expect([...urlBase64ToUint8Array('_-8')]).toEqual([0xff, 0xef])
    expect([...urlBase64ToUint8Array('AA')]).toEqual([0])
  })

  it('gives a VAPID key its 65 bytes, starting with 4', () => {
    const key = `BA${'A'.repeat(85)}`
    const bytes = urlBase64ToUint8Array(key)
    expect(bytes.length).toBe(65)
    expect(bytes[0]).toBe(4)
  })
})

describe('deviceRequest', () => {
  it('is the subscription’s endpoint and keys with the device and language', () => {
    const json = { endpoint: 'https://push.example/abc', keys: { p256dh: 'BKey', auth: 'secret' } }
    expect(deviceRequest(json, 'Chrome, Android', 'en')).toEqual({
      endpoint: 'https://push.example/abc',
      p256dh: 'BKey',
      auth: 'secret',
      device: 'Chrome, Android',
      language: 'en',
    })
  })

  it('is nothing without keys', () => {
    expect(deviceRequest({ endpoint: 'https://push.example/abc' }, 'x', 'ru')).toBeNull()
    expect(deviceRequest({ keys: { p256dh: 'a', auth: 'b' } }, 'x', 'ru')).toBeNull()
  })
})

const everything: BrowserFacts = {
  serviceWorker: true,
  pushManager: true,
  notification: true,
  registered: true,
  ios: false,
  standalone: false,
}

describe('pushAvailability', () => {
  it('needs service workers, push, notifications and the app’s worker registered', () => {
    expect(pushAvailability(everything)).toBe('available')
    expect(pushAvailability({ ...everything, registered: false })).toBe('unsupported')
    expect(pushAvailability({ ...everything, pushManager: false })).toBe('unsupported')
    expect(pushAvailability({ ...everything, notification: false })).toBe('unsupported')
  })

  it('asks iPhones to install Sfera to the home screen first', () => {
    expect(pushAvailability({ ...everything, ios: true, pushManager: false, notification: false })).toBe(
      'install-first',
    )
    expect(pushAvailability({ ...everything, ios: true, standalone: true })).toBe('available')
  })
})

describe('shouldAskForPush', () => {
  const now = Date.UTC(2030, 4, 14)
  const base = {
    availability: 'available' as const,
    permission: 'default' as const,
    subscribed: false,
    dismissedAt: null,
    now,
  }

  it('asks a browser that can, was never asked and has no subscription', () => {
    expect(shouldAskForPush(base)).toBe(true)
  })

  it('does not ask where pushes cannot come, once answered, or when subscribed', () => {
    expect(shouldAskForPush({ ...base, availability: 'unsupported' })).toBe(false)
    expect(shouldAskForPush({ ...base, availability: 'install-first' })).toBe(false)
    expect(shouldAskForPush({ ...base, permission: 'granted' })).toBe(false)
    expect(shouldAskForPush({ ...base, permission: 'denied' })).toBe(false)
    expect(shouldAskForPush({ ...base, subscribed: true })).toBe(false)
  })

  it('waits 30 days after "Не сейчас"', () => {
    expect(shouldAskForPush({ ...base, dismissedAt: now - 1000 })).toBe(false)
    expect(shouldAskForPush({ ...base, dismissedAt: now - askAgainAfterMs + 1 })).toBe(false)
    expect(shouldAskForPush({ ...base, dismissedAt: now - askAgainAfterMs })).toBe(true)
  })
})

describe('renewThisBrowser', () => {
  afterEach(() => vi.unstubAllGlobals())

  function browserWith(permission: NotificationPermission, subscription: PushSubscriptionJSON | null) {
    const fetchMock = vi.fn(
      async () => new Response('{}', { status: 201, headers: { 'Content-Type': 'application/json' } }),
    )
    vi.stubGlobal('fetch', fetchMock)
    vi.stubGlobal('document', { cookie: 'XSRF-TOKEN=t', documentElement: {} })
    vi.stubGlobal('Notification', { permission })
    vi.stubGlobal('navigator', {
      userAgent: ua.chromeAndroid,
      maxTouchPoints: 5,
      serviceWorker: {
        getRegistration: async () => ({
          pushManager: { getSubscription: async () => (subscription ? { toJSON: () => subscription } : null) },
        }),
      },
    })
    vi.stubGlobal('PushManager', function PushManager() {})
    return fetchMock
  }

  const held = { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys: { p256dh: 'BPk', auth: 'au' } }

  it('posts the subscription this browser already has, for the person signed in now', async () => {
    const fetchMock = browserWith('granted', held)
    await renewThisBrowser('en')
    expect(fetchMock).toHaveBeenCalledOnce()
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/me/devices')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body as string)).toEqual({
      endpoint: held.endpoint,
      p256dh: 'BPk',
      auth: 'au',
      device: 'Chrome, Android',
      language: 'en',
    })
  })

  it('neither asks nor subscribes: nothing without a permission and a subscription', async () => {
    const notAllowed = browserWith('default', held)
    await renewThisBrowser('ru')
    expect(notAllowed).not.toHaveBeenCalled()
    const none = browserWith('granted', null)
    await renewThisBrowser('ru')
    expect(none).not.toHaveBeenCalled()
  })
})
