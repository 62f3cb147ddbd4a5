import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router-dom'
import type { Me } from './api-types'
import { useMe } from './session'
import { ErrorMessage, Loading } from './ui'

/** Renders its content for a signed-in person; sends anyone else to sign in and back here afterwards. */
export function RequireSignIn({ children }: { children: (me: Me) => ReactNode }) {
  const me = useMe()
  const location = useLocation()
  if (me.isPending) return <Loading />
  if (me.isError) return <ErrorMessage error={me.error} />
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search)
    return <Navigate to={`/signin?next=${next}`} replace />
  }
  return children(me.data)
}
