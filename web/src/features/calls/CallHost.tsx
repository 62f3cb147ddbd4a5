import { lazy, Suspense, useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { onHubConnected, useHubEvent } from '../../lib/hub'
import { useMe } from '../../lib/session'
import { ringingCalls } from './api'
import { missedBy, type Ring, ringsFor } from './status'
import { currentCall, subscribeCurrentCall } from './store'

// In the app frame, so that every open tab rings: it listens for calls and loads the rest when one comes (the incoming
// call and the missed-call notice, then the call screen with the WebRTC code).
const Ringing = lazy(() => import('./Ringing').then((m) => ({ default: m.Ringing })))
const CallScreen = lazy(() => import('./CallScreen').then((m) => ({ default: m.CallScreen })))
const GroupCallScreen = lazy(() => import('./GroupCallScreen').then((m) => ({ default: m.GroupCallScreen })))

/** Rings when I am called (CallChanged with me Ringing) and shows the call this tab is in, direct or group. */
export function CallHost() {
  const me = useMe().data
  const myId = me?.id
  // The schools I am in, as one key, so the look-up below runs again only when they change.
  const schools = [
    ...new Set((me?.memberships ?? []).filter((m) => m.status === 'Confirmed').map((m) => m.schoolId)),
  ].join(',')
  const session = useSyncExternalStore(subscribeCurrentCall, currentCall, currentCall)
  const [ringing, setRinging] = useState<Ring | null>(null)
  const [missed, setMissed] = useState<Ring[]>([])
  // The calls that rang in this tab and were not answered or declined here.
  const rang = useRef(new Set<string>())

  useHubEvent('CallChanged', ({ schoolId, call }) => {
    if (!myId) return
    if (ringsFor(call, myId)) {
      rang.current.add(call.id)
      setRinging({ schoolId, call })
      return
    }
    // Answered or declined in another tab, or over.
    setRinging((r) => (r?.call.id === call.id ? null : r))
    if (rang.current.delete(call.id) && missedBy(call)) setMissed((m) => [...m, { schoolId, call }])
  })

  // A tab opened, or back on the hub, while a call rings: the events that started the ring are gone; ask.
  useEffect(() => {
    if (!myId || !schools) return
    let cancelled = false
    const look = async () => {
      for (const schoolId of schools.split(',')) {
        const calls = await ringingCalls(schoolId).catch(() => [])
        const call = calls.find((c) => ringsFor(c, myId))
        if (call && !cancelled) {
          rang.current.add(call.id)
          setRinging({ schoolId, call })
          return
        }
      }
    }
    void look()
    const off = onHubConnected(() => void look())
    return () => {
      cancelled = true
      off()
    }
  }, [myId, schools])

  const handled = useCallback((callId: string) => {
    rang.current.delete(callId)
    setRinging((r) => (r?.call.id === callId ? null : r))
  }, [])
  const dismiss = useCallback((callId: string) => setMissed((m) => m.filter((r) => r.call.id !== callId)), [])

  return (
    <Suspense fallback={null}>
      {myId && (ringing || missed.length > 0) ? (
        <Ringing myId={myId} ringing={ringing} missed={missed} onHandled={handled} onDismiss={dismiss} />
      ) : null}
      {session?.kind === 'group' ? <GroupCallScreen session={session} /> : null}
      {session?.kind === 'direct' ? <CallScreen session={session} /> : null}
    </Suspense>
  )
}
