import { describe, expect, it } from 'vitest'

// The rule of web/README.md ("How features meet"): a feature imports lib/ and, among the chat features, only those
// below it; lib/ imports no feature. Anything else, a cycle included, fails here.

/**
 * The chat features, lowest first: each may import the ones before it. Calls sit just below chats, whose conversation
 * head offers "Позвонить" and "Видеозвонок" from them; they import only lib/ and messages (which chats a call may be
 * made in), and the app frame (App.tsx, outside this rule) mounts their listener so that every tab rings.
 */
const stack = ['files', 'messages', 'polls', 'moderation', 'calls', 'chats']

const sources = import.meta.glob<string>(['./features/**/*.{ts,tsx}', './lib/**/*.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
})

function imports(source: string): string[] {
  return [
    ...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'|import\('([^']+)'\)/gm),
  ].map((m) => m[1] ?? m[2] ?? m[3])
}

/** The feature a file belongs to ("lib" for lib/), from its path relative to src/. */
function featureOf(path: string): string {
  const parts = path.replace(/^\.\//, '').split('/')
  return parts[0] === 'features' ? parts[1] : parts[0]
}

function resolve(from: string, spec: string): string {
  const parts = from.split('/').slice(0, -1)
  for (const step of spec.split('/')) {
    if (step === '..') parts.pop()
    else if (step !== '.') parts.push(step)
  }
  return parts.join('/')
}

const crossings = Object.entries(sources).flatMap(([path, source]) =>
  imports(source)
    .filter((spec) => spec.startsWith('.'))
    .flatMap((spec) => {
      const from = featureOf(path)
      const to = featureOf(resolve(path, spec))
      return from === to ? [] : [{ path, spec, from, to }]
    }),
)

describe('imports between features', () => {
  it('finds the sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100)
    expect(crossings.length).toBeGreaterThan(10)
  })

  it('go from lib nowhere, and between features only down the chat stack', () => {
    const allowed = (from: string, to: string) =>
      to === 'lib' || (stack.includes(from) && stack.includes(to) && stack.indexOf(to) < stack.indexOf(from))
    expect(crossings.filter((c) => !allowed(c.from, c.to)).map((c) => `${c.path} → ${c.spec}`)).toEqual([])
  })
})
