import { describe, expect, it } from 'vitest'
import { pushNotice, requestKind, safeTarget } from './logic'

const origin = 'https://sfera.school5.ru'
const shell = new Set(['/index.html', '/signin.html', '/favicon.svg', '/icon-192.png', '/assets/index-AbCd1234.js'])
const kind = (path: string, mode = 'cors', method = 'GET', at = origin) =>
  requestKind(new URL(path, at), { method, mode }, origin, shell)

describe('what the service worker answers', () => {
  it('answers the app’s screens network first, the sign-in page with its own document', () => {
    expect(kind('/', 'navigate')).toBe('page')
    expect(kind('/school/1/chats/2?x=1', 'navigate')).toBe('page')
    expect(kind('/signin', 'navigate')).toBe('signin')
    expect(kind('/signin?next=%2F', 'navigate')).toBe('signin')
  })

  it('serves the build’s files from its cache', () => {
    expect(kind('/assets/index-AbCd1234.js')).toBe('asset')
    expect(kind('/assets/ChatsPage-XyZw9876.css')).toBe('asset')
    expect(kind('/favicon.svg')).toBe('asset')
    expect(kind('/icon-192.png')).toBe('asset')
  })

  it('never stores the API, files, the hub or other hosts', () => {
    expect(kind('/api/v1/me')).toBe('pass')
    expect(kind('/api/v1/schools/1/files/2/content')).toBe('pass')
    expect(kind('/api/v1/schools/1/files/2/content', 'navigate')).toBe('pass')
    expect(kind('/api', 'navigate')).toBe('pass')
    expect(kind('/hubs/chat?id=1')).toBe('pass')
    expect(kind('/health')).toBe('pass')
    expect(kind('/metrics', 'navigate')).toBe('pass')
    expect(kind('/openapi/v1.json')).toBe('pass')
    expect(kind('/assets/x-AbCd1234.js', 'cors', 'GET', 'https://elsewhere.example')).toBe('pass')
    expect(kind('/assets/x-AbCd1234.js', 'cors', 'POST')).toBe('pass')
    expect(kind('/', 'navigate', 'POST')).toBe('pass')
    // Not a file of the build: the manifests and sw.js are always asked for afresh.
    expect(kind('/manifest.webmanifest')).toBe('pass')
    expect(kind('/sw.js')).toBe('pass')
    expect(kind('/favicon.svg?v=2')).toBe('pass')
  })
})

describe('where a notification leads', () => {
  it('keeps a path of the app', () => {
    expect(safeTarget('/school/1/chats/2', origin)).toBe('/school/1/chats/2')
    expect(safeTarget('/school/1/chats/2?m=5#x', origin)).toBe('/school/1/chats/2?m=5#x')
  })

  it('opens the start page for anything else', () => {
    for (const url of [
      undefined,
      null,
      42,
      '',
      'school/1',
      'https://evil.example/',
      `${origin}/school/1`,
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      '/api/v1/me',
      '/hubs/chat',
    ])
      expect(safeTarget(url, origin)).toBe('/')
  })
})

describe('a push', () => {
  const payload = {
    title: 'Класс 5А',
    body: 'Анна Петрова: Завтра экскурсия',
    tag: 'chat:c1',
    url: '/school/s1/chats/c1',
    unread: 3,
    kind: 'message',
    chatId: 'c1',
  }

  it('shows the server’s title, body and tag, and leads to the chat', () => {
    const notice = pushNotice(payload, origin, 'Сфера')!
    expect(notice.title).toBe('Класс 5А')
    expect(notice.options).toEqual({
      body: 'Анна Петрова: Завтра экскурсия',
      tag: 'chat:c1',
      renotify: true,
      data: { url: '/school/s1/chats/c1' },
      icon: '/icon-192.png',
      badge: '/badge-96.png',
      lang: 'ru',
    })
    expect(notice.unread).toBe(3)
  })

  it('sets the badge from a number only, and clears it at zero', () => {
    expect(pushNotice({ ...payload, unread: null }, origin, 'Сфера')!.unread).toBeNull()
    expect(pushNotice({ ...payload, unread: '3' }, origin, 'Сфера')!.unread).toBeNull()
    expect(pushNotice({ ...payload, unread: 0 }, origin, 'Сфера')!.unread).toBe(0)
    expect(pushNotice({ ...payload, unread: -2 }, origin, 'Сфера')!.unread).toBe(0)
  })

  it('shows something for an odd push, and never leads off the app', () => {
    const bare = pushNotice({}, origin, 'Сфера')!
    expect(bare.title).toBe('Сфера')
    expect(bare.options.tag).toBeUndefined()
    expect(bare.options.renotify).toBe(false)
    expect(bare.options.data.url).toBe('/')
    expect(pushNotice({ ...payload, url: 'https://evil.example' }, origin, 'Сфера')!.options.data.url).toBe('/')
    expect(pushNotice({ ...payload, lang: 'en' }, origin, 'Sfera')!.options.lang).toBe('en')
    expect(pushNotice(null, origin, 'Сфера')).toBeNull()
    expect(pushNotice([1], origin, 'Сфера')).toBeNull()
  })
})
