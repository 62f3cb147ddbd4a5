import { type SyntheticEvent, useEffect, useId, useRef } from 'react'
import { useT } from '../../lib/i18n'
import { PhoneIcon, VideoIcon } from '../../lib/icons'
import { declineCall } from './api'
import './calls.css'
import { startRing } from './ring'
import { answerCall } from './session'
import { otherOf, type Ring } from './status'
import { callTexts } from './texts'

/** A missed call's notice stays this long unless dismissed (the chat keeps its note). */
const missedNoticeMs = 20_000

function callerOf({ call }: Ring, myId: string) {
  return (
    call.participants.find((p) => p.accountId === call.startedBy)?.displayName ?? otherOf(call, myId)?.displayName ?? ''
  )
}

/**
 * Someone calls me: a dialog in every open tab, with a ring, until I answer or decline here, answer in another tab, or
 * the call ends. Escape declines. The focus starts on "Принять".
 */
function IncomingCall({ ring, myId, onHandled }: { ring: Ring; myId: string; onHandled: (callId: string) => void }) {
  const t = useT(callTexts)
  const titleId = useId()
  const nameId = useId()
  const dialog = useRef<HTMLDialogElement>(null)
  const accept = useRef<HTMLButtonElement>(null)
  const { schoolId, call } = ring
  const caller = callerOf(ring, myId)

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    accept.current?.focus()
  }, [])

  useEffect(() => startRing('incoming'), [])

  // One answer only, however many clicks and close events come.
  const answered = useRef(false)

  function answer(withVideo: boolean) {
    if (answered.current) return
    answered.current = true
    onHandled(call.id)
    answerCall({ schoolId, chatId: call.chatId, myId, video: call.video, peerName: caller, callId: call.id, withVideo })
  }

  function decline() {
    if (answered.current) return
    answered.current = true
    onHandled(call.id)
    // Already over (it rang out, or was answered elsewhere): nothing to decline.
    declineCall(schoolId, call.chatId, call.id).catch(() => undefined)
  }

  // Escape: "cancel", unless the page has had no touch since the dialog opened (it opens by itself): then the browser
  // closes it at once without asking. Either way it declines.
  function escaped(e: SyntheticEvent<HTMLDialogElement>) {
    e.preventDefault()
    decline()
  }

  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      className="dialog incoming-call"
      aria-labelledby={titleId}
      aria-describedby={nameId}
      onCancel={escaped}
      onClose={escaped}
    >
      <h2 id={titleId} className="incoming-call-title">
        {call.video ? <VideoIcon /> : <PhoneIcon />}
        {t(call.video ? 'incomingVideoCall' : 'incomingCall')}
      </h2>
      <p id={nameId} className="incoming-call-name">
        {caller}
      </p>
      <div className="incoming-call-actions">
        <button ref={accept} type="button" className="primary" onClick={() => answer(call.video)}>
          {t('accept')}
        </button>
        {call.video ? (
          <button type="button" onClick={() => answer(false)}>
            {t('acceptWithoutVideo')}
          </button>
        ) : null}
        <button type="button" className="danger" onClick={decline}>
          {t('decline')}
        </button>
      </div>
    </dialog>
  )
}

function MissedNotice({ ring, myId, onDismiss }: { ring: Ring; myId: string; onDismiss: (callId: string) => void }) {
  const t = useT(callTexts)
  const callId = ring.call.id
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(callId), missedNoticeMs)
    return () => clearTimeout(timer)
  }, [callId, onDismiss])
  return (
    <div className="missed-call">
      <p>{t('missedFrom', { name: callerOf(ring, myId) })}</p>
      <button type="button" className="small" onClick={() => onDismiss(callId)}>
        {t('dismiss')}
      </button>
    </div>
  )
}

/** The incoming call, and the notices of calls that rang here unanswered. */
export function Ringing({
  myId,
  ringing,
  missed,
  onHandled,
  onDismiss,
}: {
  myId: string
  ringing: Ring | null
  missed: Ring[]
  onHandled: (callId: string) => void
  onDismiss: (callId: string) => void
}) {
  return (
    <>
      {ringing ? <IncomingCall key={ringing.call.id} ring={ringing} myId={myId} onHandled={onHandled} /> : null}
      <div className="missed-calls" role="status">
        {missed.map((ring) => (
          <MissedNotice key={ring.call.id} ring={ring} myId={myId} onDismiss={onDismiss} />
        ))}
      </div>
    </>
  )
}
