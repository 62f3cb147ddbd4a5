import { describe, expect, it } from 'vitest'
import { precacheList, type ViteManifest } from './precache'

const manifest: ViteManifest = {
  'index.html': {
    file: 'assets/index-AAAAAAAA.js',
    css: ['assets/index-CCCCCCCC.css'],
    imports: ['_react-BBBBBBBB.js', '_http-DDDDDDDD.js'],
  },
  'signin.html': { file: 'assets/signin-EEEEEEEE.js', imports: ['_http-DDDDDDDD.js'] },
  '_react-BBBBBBBB.js': { file: 'assets/react-BBBBBBBB.js' },
  '_http-DDDDDDDD.js': {
    file: 'assets/http-DDDDDDDD.js',
    css: ['assets/http-FFFFFFFF.css'],
    assets: ['assets/font-GGGGGGGG.woff2'],
    imports: ['_react-BBBBBBBB.js'],
  },
  'src/features/chats/ChatsPage.tsx': { file: 'assets/ChatsPage-HHHHHHHH.js', imports: ['_react-BBBBBBBB.js'] },
}

describe('what the service worker stores when it installs', () => {
  it('is both documents, the shell’s icons and what the documents load, each once', () => {
    expect(precacheList(manifest)).toEqual([
      '/index.html',
      '/signin.html',
      '/favicon.svg',
      '/favicon-unread.svg',
      '/icon-192.png',
      '/badge-96.png',
      '/assets/font-GGGGGGGG.woff2',
      '/assets/http-DDDDDDDD.js',
      '/assets/http-FFFFFFFF.css',
      '/assets/index-AAAAAAAA.js',
      '/assets/index-CCCCCCCC.css',
      '/assets/react-BBBBBBBB.js',
      '/assets/signin-EEEEEEEE.js',
    ])
  })

  it('leaves the screens loaded later to be stored when fetched', () => {
    expect(precacheList(manifest)).not.toContain('/assets/ChatsPage-HHHHHHHH.js')
  })

  it('fails the build when the manifest lacks a chunk', () => {
    expect(() => precacheList({ 'index.html': { file: 'assets/i.js', imports: ['_gone.js'] } })).toThrow(/_gone\.js/)
  })
})
