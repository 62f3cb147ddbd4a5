// A Vite plugin that builds the service worker (src/sw/service-worker.ts) into /sw.js after the app: it reads Vite's
// manifest of the build just written (.vite/manifest.json), lists what the worker stores when it installs
// (src/sw/precache.ts) and names the version after it, so every release that changes a file makes a new worker, which
// the open tabs then offer to load (lib/pwa.ts). sw.js keeps its plain name and is served `no-cache`
// (src/Server/Hosting/WebApp.cs).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build, type Plugin } from 'vite'
import { precacheList, type ViteManifest } from '../src/sw/precache'

export function serviceWorker(entry: string): Plugin {
  let root = ''
  let outDir = ''
  return {
    name: 'sfera-service-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root
      outDir = resolve(config.root, config.build.outDir)
    },
    async closeBundle() {
      const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as ViteManifest
      const urls = precacheList(manifest)
      // Hashed files change their names when they change; the documents and icons are hashed by content here.
      const hash = createHash('sha256')
      for (const url of urls) {
        hash.update(url)
        if (!url.startsWith('/assets/')) hash.update(readFileSync(join(outDir, url)))
      }
      const version = hash.digest('hex').slice(0, 16)
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        publicDir: false,
        define: { __SW_VERSION__: JSON.stringify(version), __SW_PRECACHE__: JSON.stringify(urls) },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          manifest: false,
          rollupOptions: { input: entry, output: { format: 'iife', entryFileNames: 'sw.js' } },
        },
      })
    },
  }
}
