import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useSyncExternalStore } from 'react'
import { isOffline, markOnline, subscribeConnection } from './connection'
import { refreshCsrf } from './csrf'
import { useT } from './i18n'
import { applyUpdate, isUpdateReady, subscribeUpdate } from './pwa'
import { commonTexts } from './texts'

/** How often an offline app asks whether the server answers again. */
const retryMs = 5_000

/**
 * While offline: asks the server every few seconds and when the browser says it is online again; at the first answer
 * the app is online, a new anti-forgery token is fetched and the requests that failed are made again (the screen then
 * fills in by itself).
 */
function useReconnect(offline: boolean) {
  const queryClient = useQueryClient()
  useEffect(() => {
    if (!offline) return
    let stopped = false
    const probe = async () => {
      try {
        // Any answer will do: /health passes the service worker by and needs no session.
        await fetch('/health', { cache: 'no-store' })
      } catch {
        return // still offline
      }
      if (stopped) return
      markOnline()
      void refreshCsrf()
      void queryClient.refetchQueries({ predicate: (query) => query.state.status === 'error' })
    }
    const timer = setInterval(probe, retryMs)
    window.addEventListener('online', probe)
    return () => {
      stopped = true
      clearInterval(timer)
      window.removeEventListener('online', probe)
    }
  }, [offline, queryClient])
}

/** The bars over every screen: no connection, and a new version to load. One polite live region for both. */
export function AppBars() {
  const t = useT(commonTexts)
  const offline = useSyncExternalStore(subscribeConnection, isOffline, isOffline)
  const update = useSyncExternalStore(subscribeUpdate, isUpdateReady, isUpdateReady)
  useReconnect(offline)
  return (
    <div className="app-bars no-print" role="status" aria-live="polite">
      {offline ? <p className="app-bar app-bar-offline">{t('appOffline')}</p> : null}
      {update ? (
        <p className="app-bar">
          {t('updateAvailable')}{' '}
          <button type="button" className="small" onClick={applyUpdate}>
            {t('updateReload')}
          </button>
        </p>
      ) : null}
    </div>
  )
}
