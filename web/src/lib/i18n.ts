import { useCallback } from 'react'
import { type Language, useLanguage } from './language'

export type Params = Record<string, string | number>

/** A feature's texts: Russian is complete and is the fallback for any English text not written yet. */
export interface Texts<K extends string> {
  ru: Record<K, string>
  en: Partial<Record<K, string>>
}

export type Translate<K extends string> = (key: K, params?: Params) => string

export function defineTexts<K extends string>(texts: { ru: Record<K, string>; en: Partial<Record<NoInfer<K>, string>> }): Texts<K> {
  return texts
}

/** Fills {name} placeholders; unknown placeholders are left as they are so a missing value shows up. */
export function format(template: string, params?: Params): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

export function translate<K extends string>(texts: Texts<K>, language: Language, key: K, params?: Params): string {
  return format(texts[language][key] ?? texts.ru[key] ?? key, params)
}

export function useT<K extends string>(texts: Texts<K>): Translate<K> {
  const language = useLanguage()
  return useCallback((key: K, params?: Params) => translate(texts, language, key, params), [texts, language])
}
