import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { serviceWorker } from './scripts/service-worker'

// Built into the server's wwwroot/, which the SDK turns into static web assets (precompressed, with a manifest) and
// ASP.NET Core serves with MapStaticAssets (see src/Server/Hosting/WebApp.cs). The `[name]-[hash]` file names (Vite's
// default) are read back as the fingerprints of those assets by src/Server/Server.csproj. Vite's manifest
// (.vite/manifest.json) tells scripts/bundle-budget.mjs which chunks each page loads; it is not served.
export default defineConfig({
  // The service worker (/sw.js) is built after the app, from the app's manifest: scripts/service-worker.ts.
  plugins: [react(), serviceWorker(fileURLToPath(new URL('src/sw/service-worker.ts', import.meta.url)))],
  build: {
    outDir: '../src/Server/wwwroot',
    emptyOutDir: true,
    manifest: true,
    // Two pages: the app, and the sign-in page without React (served for /signin, see src/Server/Hosting/WebApp.cs).
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        signin: fileURLToPath(new URL('signin.html', import.meta.url)),
      },
      output: {
        // A chunk is named after one of its modules, and modules share names (lib/texts.ts, a feature's texts.ts): the
        // server defines each asset by its name without the hash (src/Server/Server.csproj), and two chunks called
        // "texts" break its build. A feature's chunk carries the feature's name in front: calls-texts-[hash].js.
        chunkFileNames: (chunk) => {
          const feature = /\/src\/features\/([^/]+)\//.exec(chunk.facadeModuleId ?? chunk.moduleIds[0] ?? '')?.[1]
          return feature ? `assets/${feature}-[name]-[hash].js` : 'assets/[name]-[hash].js'
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:5080',
      '/hubs': { target: 'http://127.0.0.1:5080', ws: true },
    },
  },
  test: {
    environment: 'node',
    // The token test reads the stylesheets as text (`?raw`); other CSS imports stay empty in tests.
    css: { include: [/\.css\?raw$/] },
  },
})
