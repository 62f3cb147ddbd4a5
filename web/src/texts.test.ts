import { describe, expect, it } from 'vitest'
import type { Texts } from './lib/i18n'
import { commonTexts } from './lib/texts'

// Every feature's texts, found by name so a new feature is checked without editing this test: texts.ts, and a
// catalogue kept apart for one screen (auth's external-texts.ts, away from the light sign-in page).
const featureTexts = import.meta.glob<Record<string, Texts<string>>>(
  ['./features/*/texts.ts', './features/*/*-texts.ts'],
  {
    eager: true,
  },
)

const all: [string, Texts<string>][] = [
  ['lib/texts', commonTexts],
  ...Object.entries(featureTexts).flatMap(([file, module]) =>
    Object.entries(module).map(([name, texts]) => [`${file} ${name}`, texts] as [string, Texts<string>]),
  ),
]

describe('texts', () => {
  it('covers every feature', () => {
    expect(Object.keys(featureTexts).length).toBeGreaterThanOrEqual(8)
  })

  it.each(all)('%s has an English text for every Russian one', (_, texts) => {
    const missing = Object.keys(texts.ru).filter((key) => !texts.en[key])
    expect(missing).toEqual([])
  })

  it.each(all)('%s uses the same placeholders in both languages', (_, texts) => {
    // {name} and the counted name of {name, plural, …}.
    const names = (s: string) =>
      [...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)]
        .map((m) => m[1])
        .sort()
        .join(',')
    const differing = Object.keys(texts.ru).filter(
      (key) => texts.en[key] && names(texts.ru[key]) !== names(texts.en[key] ?? ''),
    )
    expect(differing).toEqual([])
  })
})
