import { useSyncExternalStore } from 'react'
import { getLanguage, subscribeLanguage } from './language-store'

export * from './language-store'

export function useLanguage() {
  return useSyncExternalStore(subscribeLanguage, getLanguage, getLanguage)
}
