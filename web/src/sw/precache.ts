// What the service worker stores when it installs, read from Vite's manifest at build time (scripts/service-worker.ts):
// the two documents and every file they load before any screen is opened. Screens loaded later (React.lazy) are
// stored when first fetched under the worker, or handed to it by the page that already loaded them (lib/pwa.ts).

/** One entry of Vite's `.vite/manifest.json`, the fields read here. */
export interface ManifestChunk {
  file: string
  imports?: string[]
  css?: string[]
  assets?: string[]
}

export type ViteManifest = Record<string, ManifestChunk>

/** The app's documents: each is stored under its own path, which the worker answers offline. */
export const documents = ['index.html', 'signin.html'] as const

/** Files of public/ that the shell shows (tab icon, the notification's icons). */
export const shellFiles = ['/favicon.svg', '/favicon-unread.svg', '/icon-192.png', '/badge-96.png'] as const

/**
 * The URLs to store: `/index.html`, `/signin.html`, the shell's icons, and the JavaScript, CSS and other files the
 * documents' entries load statically (not their dynamic imports), each once, in a stable order.
 */
export function precacheList(manifest: ViteManifest): string[] {
  const files = new Set<string>()
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    const chunk = manifest[key]
    if (!chunk) throw new Error(`"${key}" is not in Vite's manifest`)
    files.add(chunk.file)
    for (const file of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(file)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  for (const document of documents) visit(document)
  return [...documents.map((d) => `/${d}`), ...shellFiles, ...[...files].sort().map((file) => `/${file}`)]
}
