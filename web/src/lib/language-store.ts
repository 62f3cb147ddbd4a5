// The interface language, remembered in localStorage; without React (the sign-in page has none): lib/language.ts
// adds the hook.
export type Language = 'ru' | 'en'

export const languages: readonly Language[] = ['ru', 'en']

const storageKey = 'sfera.lang'
const listeners = new Set<() => void>()

function stored(): Language {
  try {
    const value = globalThis.localStorage?.getItem(storageKey)
    return value === 'en' ? 'en' : 'ru'
  } catch {
    return 'ru' // storage can be blocked (private mode, tests): Russian is the default anyway
  }
}

let current: Language = stored()

/** The install manifest in the interface language (web/public/manifest*.webmanifest): its name and description. */
export function manifestHref(language: Language): string {
  return language === 'en' ? '/manifest.en.webmanifest' : '/manifest.webmanifest'
}

function applyToDocument() {
  if (typeof document === 'undefined') return
  document.documentElement.lang = current
  // (Tests stand in a document without querySelector.)
  document.querySelector?.('link[rel="manifest"]')?.setAttribute('href', manifestHref(current))
}
applyToDocument()

export function getLanguage(): Language {
  return current
}

export function setLanguage(language: Language) {
  if (language === current) return
  current = language
  try {
    globalThis.localStorage?.setItem(storageKey, language)
  } catch {
    // not remembered, still switched for this visit
  }
  applyToDocument()
  listeners.forEach((listener) => listener())
}

/** Each language is named in itself, so a person who cannot read the current one still finds theirs. */
export const languageNames: Record<Language, string> = { ru: 'Русский', en: 'English' }

/** Calls the listener whenever the language changes; returns the unsubscribe function. */
export function subscribeLanguage(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
