import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react'
import { useParams } from 'react-router-dom'
import { useT } from '../../lib/i18n'
import { ApiError, fieldError, problemOf } from '../../lib/problem'
import { ErrorMessage, Field, FormErrors, Loading, Page } from '../../lib/ui'
import { CallAlerts, PlaySound, useCallSounds, WaitingStage } from './call-stage'
import { DeviceCheck } from './DeviceCheck'
import { GroupControls } from './GroupControls'
import { groupStatusKey, joinedPeople } from './group-status'
import { GroupTiles } from './GroupTiles'
import { guestCallInfo, joinAsGuest } from './guest-api'
import { GuestSession } from './guest-session'
import './calls.css'
import './group-call.css'
import { groupCallTexts, guestCallTexts } from './texts'

/** The call itself for a guest: the same tiles and controls as a member's screen, without hand, people and chat. */
function GuestCallScreen({ session, onClosed }: { session: GuestSession; onClosed: (outcome: Outcome) => void }) {
  const t = useT(groupCallTexts)
  const g = useT(guestCallTexts)
  const view = useSyncExternalStore(session.subscribe, session.getView)
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const statusId = useId()
  const { sounds, blocked, play } = useCallSounds(view.people)
  const over = view.phase === 'ended' || view.phase === 'removed' || view.phase === 'denied' || view.phase === 'refused'
  const inCall = view.phase === 'connecting' || view.phase === 'active'

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [])
  // Leaving by hand closes the screen at once; the page says so.
  const leftByMe = over && session.leftByMe
  useEffect(() => {
    if (leftByMe) onClosed('youLeft')
  }, [leftByMe, onClosed])
  // Leaving the page leaves the call; a remount straight after (React's development check) keeps it.
  const disposing = useRef<ReturnType<typeof setTimeout>>(undefined)
  useEffect(() => {
    clearTimeout(disposing.current)
    return () => {
      disposing.current = setTimeout(session.dispose, 0)
    }
  }, [session])

  return (
    <>
      {sounds}
      <dialog
        ref={dialog}
        className="call-screen group-call"
        aria-labelledby={titleId}
        aria-describedby={statusId}
        onCancel={(e) => e.preventDefault()}
        onClose={(e) => (over ? onClosed(outcomeOf(session)) : e.currentTarget.showModal())}
      >
        <div className="group-call-top">
          <h2 id={titleId}>{g('asGuest', { name: session.name })}</h2>
          <p id={statusId} role="status">
            {t(groupStatusKey(view.phase, view.link))}
          </p>
          {view.call && inCall ? (
            <p className="group-call-count">{t('peopleCount', { count: joinedPeople(view.call).length })}</p>
          ) : null}
          {blocked ? <PlaySound play={play} /> : null}
          <CallAlerts view={view} />
        </div>
        <div className="group-call-body">
          {view.phase === 'waiting' ? <WaitingStage view={view} /> : null}
          {inCall ? <GroupTiles view={view} myId={session.myId} /> : null}
        </div>
        {over ? (
          <div className="call-controls">
            <button type="button" autoFocus onClick={() => onClosed(outcomeOf(session))}>
              {t('close')}
            </button>
          </div>
        ) : (
          <GroupControls session={session} view={view} myId={session.myId} />
        )}
      </dialog>
    </>
  )
}

/** How a guest's call ended for them, said on the page once its screen is closed. */
type Outcome = 'youLeft' | 'callEnded' | 'removed' | 'denied' | 'lost'

function outcomeOf(session: GuestSession): Outcome {
  if (session.leftByMe) return 'youLeft'
  switch (session.getView().phase) {
    case 'ended':
      return 'callEnded'
    case 'removed':
      return 'removed'
    case 'denied':
      return 'denied'
    default:
      return 'lost'
  }
}

type Step =
  { at: 'name' } | { at: 'devices' } | { at: 'call'; session: GuestSession } | { at: 'done'; outcome: Outcome }

/**
 * A guest link (/call/guest/{token}): whether it leads to a call, the guest's name, the device check, then the
 * waiting room and the call. Nothing here needs or uses an account; the key the join answers with lives in the
 * session only, so a reload asks to join again.
 */
export function GuestCallPage() {
  const t = useT(guestCallTexts)
  const { token = '' } = useParams()
  const info = useQuery({ queryKey: ['guest-call', token], queryFn: () => guestCallInfo(token), retry: false })
  const [step, setStep] = useState<Step>({ at: 'name' })
  const [name, setName] = useState('')
  const [nameMissing, setNameMissing] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [joining, setJoining] = useState(false)

  if (info.isPending) return <Loading />
  const gone = info.error instanceof ApiError && info.error.status === 404
  if (gone || (error instanceof ApiError && error.status === 404))
    return (
      <Page title={t('linkGone')}>
        <p>{t('linkGoneText')}</p>
      </Page>
    )
  if (info.isError) return <Page title={t('title')}>{<ErrorMessage error={info.error} />}</Page>

  function next(event: FormEvent) {
    event.preventDefault()
    const missing = name.trim() === ''
    setNameMissing(missing)
    setError(null)
    if (!missing) setStep({ at: 'devices' })
  }

  async function join(stream: MediaStream | null) {
    setJoining(true)
    try {
      const trimmed = name.trim()
      const joined = await joinAsGuest(token, trimmed)
      setStep({ at: 'call', session: new GuestSession(token, joined, trimmed, stream) })
    } catch (failure) {
      stream?.getTracks().forEach((track) => track.stop())
      setError(failure)
      setStep({ at: 'name' })
    } finally {
      setJoining(false)
    }
  }

  const nameError = nameMissing ? t('nameMissing') : fieldError(error, 'name')
  return (
    <Page title={t('title')}>
      {step.at === 'done' ? (
        <>
          <p role="status">{t(step.outcome)}</p>
          {step.outcome === 'youLeft' || step.outcome === 'lost' ? (
            <p>
              <button type="button" onClick={() => setStep({ at: 'name' })}>
                {t('joinAgain')}
              </button>
            </p>
          ) : null}
        </>
      ) : (
        <form className="form" onSubmit={next} noValidate>
          <p>{t('intro')}</p>
          {info.data.video ? null : <p>{t('audioOnly')}</p>}
          <FormErrors error={problemOf(error) ? error : null} fields={['name']} />
          <Field
            label={t('name')}
            hint={t('nameHint')}
            name="name"
            autoComplete="name"
            maxLength={100}
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={nameError}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={joining}>
              {t('next')}
            </button>
          </div>
        </form>
      )}
      {step.at === 'devices' ? (
        <DeviceCheck
          confirmLabel={t('askToJoin')}
          onConfirm={(stream) => void join(stream)}
          onCancel={() => setStep({ at: 'name' })}
        />
      ) : null}
      {step.at === 'call' ? (
        <GuestCallScreen session={step.session} onClosed={(outcome) => setStep({ at: 'done', outcome })} />
      ) : null}
    </Page>
  )
}
