import { describe, expect, it } from 'vitest'
import { manifestHref } from './language-store'
import { controllerChange, loadedAssets, navigationTarget } from './pwa'

describe('the installable app', () => {
  it('reloads only for a new version the tab asked for, and offers it to the other tabs', () => {
    expect(controllerChange(false, false)).toBe('first')
    expect(controllerChange(false, true)).toBe('first')
    expect(controllerChange(true, true)).toBe('reload')
    expect(controllerChange(true, false)).toBe('offer')
  })

  it('hands the worker the build’s files the page loaded, and nothing else', () => {
    const origin = 'http://127.0.0.1:5080'
    expect(
      loadedAssets(
        [
          { name: `${origin}/assets/ChatsPage-AbCd1234.js` },
          { name: `${origin}/assets/ChatsPage-AbCd1234.js` },
          { name: `${origin}/assets/ChatsPage-Xy12Zz34.css` },
          { name: `${origin}/api/v1/me` },
          { name: `${origin}/assets/x.js?v=1` },
          { name: 'https://elsewhere.example/assets/a.js' },
          { name: 'not a url' },
        ],
        origin,
      ),
    ).toEqual(['/assets/ChatsPage-AbCd1234.js', '/assets/ChatsPage-Xy12Zz34.css'])
  })

  it('follows a notification only to a path of the app', () => {
    expect(navigationTarget({ type: 'NAVIGATE', url: '/school/1/chats/2' })).toBe('/school/1/chats/2')
    expect(navigationTarget({ type: 'NAVIGATE', url: 'https://evil.example' })).toBeNull()
    expect(navigationTarget({ type: 'NAVIGATE', url: '//evil.example' })).toBeNull()
    expect(navigationTarget({ type: 'OTHER', url: '/' })).toBeNull()
    expect(navigationTarget('NAVIGATE')).toBeNull()
  })

  it('links the manifest in the interface language', () => {
    expect(manifestHref('ru')).toBe('/manifest.webmanifest')
    expect(manifestHref('en')).toBe('/manifest.en.webmanifest')
  })
})
