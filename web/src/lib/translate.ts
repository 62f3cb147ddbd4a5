// Texts and their translation, without React: the React app reads them through lib/i18n.ts (useT), the sign-in
// page (features/auth/signin.ts, no React) directly.
import type { Language } from './language-store'

export type Params = Record<string, string | number>

/** A feature's texts: Russian is complete and is the fallback for any English text not written yet. */
export interface Texts<K extends string> {
  ru: Record<K, string>
  en: Partial<Record<K, string>>
}

export type Translate<K extends string> = (key: K, params?: Params) => string

/**
 * A feature's texts written key by key, the Russian and the English of each side by side:
 * `send: { ru: 'Отправить', en: 'Send' }`. Every feature's catalogue is written this way.
 */
export function textsByKey<K extends string>(pairs: Record<K, { ru: string; en?: string }>): Texts<K> {
  const ru = {} as Record<K, string>
  const en: Partial<Record<K, string>> = {}
  for (const key of Object.keys(pairs) as K[]) {
    ru[key] = pairs[key].ru
    if (pairs[key].en !== undefined) en[key] = pairs[key].en
  }
  return { ru, en }
}

const pluralRules = new Map<string, Intl.PluralRules>()

/** CLDR plural category of a number: Russian has one (1, 21), few (2-4, 22-24), many (5-20, 25…); English one and other. */
export function pluralCategory(count: number, language: string): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language)
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)))
  return rules.select(count)
}

// {uses, plural, one {# раз} few {# раза} many {# раз} other {# раза}}: the ICU form, one level deep; # is the number.
const pluralPattern = /\{(\w+), plural,((?:\s*\w+ \{[^{}]*\})+)\s*\}/g
const pluralOption = /(\w+) \{([^{}]*)\}/g

/**
 * Fills {name} placeholders and {name, plural, one {…} few {…} many {…} other {…}} choices (by the language's plural
 * rules; "other" when the category is missing). Unknown placeholders are left as they are so a missing value shows up.
 */
export function format(template: string, params?: Params, language = 'ru'): string {
  if (!params) return template
  const chosen = template.replace(pluralPattern, (whole, name: string, body: string) => {
    const value = params[name]
    if (typeof value !== 'number') return whole
    const options = new Map([...body.matchAll(pluralOption)].map((m) => [m[1], m[2]]))
    const text = options.get(pluralCategory(value, language)) ?? options.get('other') ?? whole
    return text.replace(/#/g, String(value))
  })
  return chosen.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

export function translate<K extends string>(texts: Texts<K>, language: Language, key: K, params?: Params): string {
  const own = texts[language][key]
  return format(own ?? texts.ru[key] ?? key, params, own === undefined ? 'ru' : language)
}
