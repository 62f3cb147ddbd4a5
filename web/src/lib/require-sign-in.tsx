import { type ReactNode, useEffect } from 'react'
import { useLocation } from 'react-router-dom'
import type { Me } from './api-types'
import { isNetworkError } from './connection'
import { leavingSession, useMe } from './session'
import { ErrorMessage, Loading } from './ui'

/** Renders its content for a signed-in person; sends anyone else to sign in and back here afterwards. */
export function RequireSignIn({ children }: { children: (me: Me) => ReactNode }) {
  const me = useMe()
  const { pathname, search } = useLocation()
  const signedOut = me.isSuccess && !me.data
  // The sign-in page is its own document (signin.html, no React): a full load, in place of this address. Not after a
  // sign-out here: that is already on its way there.
  useEffect(() => {
    if (signedOut && !leavingSession()) window.location.replace(`/signin?next=${encodeURIComponent(pathname + search)}`)
  }, [signedOut, pathname, search])
  // Offline: the app's bar says so, and the question is asked again when the server answers (lib/app-bars.tsx).
  if (me.isError) return isNetworkError(me.error) ? <Loading /> : <ErrorMessage error={me.error} />
  if (!me.data) return <Loading />
  return children(me.data)
}
