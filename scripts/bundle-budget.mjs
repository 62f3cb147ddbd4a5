#!/usr/bin/env node
// The web app's weight per page, checked against its budget (issue 9): the JavaScript a page loads, gzipped, as a
// phone on a slow network receives it. Which chunks a page loads is read from Vite's manifest of the last build
// (src/Server/wwwroot/.vite/manifest.json, written by `dotnet build` or `npm run build` in web/): the entry with its
// static imports, plus the lazy screens the page opens with theirs. Chunks those screens load later (the
// conversation, say) are not counted. Run by scripts/test after the build; each page is one test there.
//
//   node scripts/bundle-budget.mjs [--results file.json]
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'src/Server/wwwroot')
const KiB = 1024

// Budgets in KiB of gzipped JavaScript, issue 9's. The sign-in page is its own entry without React (signin.html,
// src/features/auth/signin.ts): an empty React 19 page alone is 66 KiB (docs/decisions/0002-web-bundle-budgets.md).
export const pages = [
  { name: 'sign-in /signin', budgetKiB: 60, modules: ['signin.html'] },
  {
    name: 'chat list /school/:schoolId/chats',
    budgetKiB: 150,
    // Signed in, the layout opens the realtime connection, whose client is loaded on demand.
    modules: ['index.html', 'src/features/chats/ChatsPage.tsx', 'node_modules/@microsoft/signalr/dist/esm/index.js'],
  },
  // Signed in, on the notification settings (this device, devices, kinds, working hours).
  {
    name: 'notification settings /settings/notifications',
    budgetKiB: 150,
    modules: ['index.html', 'src/features/notifications/NotificationsPage.tsx', 'node_modules/@microsoft/signalr/dist/esm/index.js'],
  },
  // A guest opening a call link on a phone: no account, no realtime connection; the call's code comes with the page.
  { name: 'guest call /call/guest/:token', budgetKiB: 150, modules: ['index.html', 'src/features/calls/GuestCallPage.tsx'] },
]

/** The files a page loads first: its modules' chunks and, transitively, their static imports (not dynamic ones). */
export function chunksOf(manifest, modules) {
  const files = new Set()
  const visit = (key) => {
    const chunk = manifest[key]
    if (!chunk) throw new Error(`"${key}" is not in Vite's manifest: was it renamed? Update scripts/bundle-budget.mjs.`)
    if (files.has(chunk.file)) return
    files.add(chunk.file)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  modules.forEach(visit)
  return [...files].filter((file) => file.endsWith('.js')).sort()
}

function main() {
  const resultsAt = process.argv.indexOf('--results')
  const manifest = JSON.parse(readFileSync(join(out, '.vite/manifest.json'), 'utf8'))
  let passed = 0
  let failed = 0
  for (const page of pages) {
    const sizes = chunksOf(manifest, page.modules).map((file) => ({ file, gzip: gzipSync(readFileSync(join(out, file))).length }))
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0)
    const ok = total <= page.budgetKiB * KiB
    if (ok) passed++
    else failed++
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${page.name}: ${(total / KiB).toFixed(1)} KiB gzipped JS (budget ${page.budgetKiB} KiB)`)
    for (const s of sizes) console.log(`       ${(s.gzip / KiB).toFixed(1).padStart(6)} KiB  ${s.file}`)
  }
  if (resultsAt > 0) writeFileSync(process.argv[resultsAt + 1], JSON.stringify({ passed, failed }))
  process.exitCode = failed > 0 ? 1 : 0
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
