import { useCallback } from 'react'
import { useLanguage } from './language'
import { type Params, type Texts, type Translate, translate } from './translate'

export * from './translate'

export function useT<K extends string>(texts: Texts<K>): Translate<K> {
  const language = useLanguage()
  return useCallback((key: K, params?: Params) => translate(texts, language, key, params), [texts, language])
}
