import { useId, useState } from 'react'
import type { CallParticipant, CallResponse } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { ConfirmButton, CopyField } from '../../lib/ui'
import type { GroupSession } from './group-session'
import { joinedPeople, raisedHands, waitingPeople } from './group-status'
import './call-people.css'
import { groupCallTexts } from './texts'

/** Let in or turn away one person from the waiting room. */
function WaitingPerson({ session, person }: { session: GroupSession; person: CallParticipant }) {
  const t = useT(groupCallTexts)
  const name = person.displayName
  return (
    <li className="call-person">
      <span className="call-person-name">
        {name}
        {person.guest ? <span className="call-badge">{t('guest')}</span> : null}
      </span>
      <button
        type="button"
        className="small primary"
        aria-label={t('admit', { name })}
        onClick={() => void session.hosting.decide(person.accountId, 'admit')}
      >
        {t('admitShort')}
      </button>
      <button
        type="button"
        className="small"
        aria-label={t('deny', { name })}
        onClick={() => void session.hosting.decide(person.accountId, 'deny')}
      >
        {t('denyShort')}
      </button>
    </li>
  )
}

/** The waiting room for hosts: each person with "Впустить" and "Не впускать", and "Впустить всех". */
export function WaitingRoom({ session, call }: { session: GroupSession; call: CallResponse }) {
  const t = useT(groupCallTexts)
  const id = useId()
  const waiting = waitingPeople(call)
  if (waiting.length === 0) return null
  return (
    <section className="call-waiting" aria-labelledby={id}>
      <h3 id={id}>
        {t('waitingTitle')} ({waiting.length})
      </h3>
      <ul>
        {waiting.map((person) => (
          <WaitingPerson key={person.accountId} session={session} person={person} />
        ))}
      </ul>
      {waiting.length > 1 ? (
        <button type="button" className="small" onClick={() => void session.hosting.admitAll()}>
          {t('admitAll')}
        </button>
      ) : null}
    </section>
  )
}

/** What a host may do to someone in the call: their microphone and camera for everyone, removing them (asked first). */
function HostTools({ session, person }: { session: GroupSession; person: CallParticipant }) {
  const t = useT(groupCallTexts)
  const [confirming, setConfirming] = useState(false)
  const name = person.displayName
  const { accountId } = person
  const mic = person.mutedByHost ? 'allowMic' : 'muteThem'
  const camera = person.cameraOffByHost ? 'allowCamera' : 'cameraOffThem'
  if (confirming)
    return (
      <div className="call-person-tools confirm" role="group" aria-label={t('removeThem', { name })}>
        <p>{t('removeQuestion', { name })}</p>
        <button
          type="button"
          className="small danger"
          autoFocus
          onClick={() => void session.hosting.decide(accountId, 'remove').finally(() => setConfirming(false))}
        >
          {t('yesRemove')}
        </button>
        <button type="button" className="small" onClick={() => setConfirming(false)}>
          {t('cancel')}
        </button>
      </div>
    )
  // Short words on the buttons; their names say whom they are for.
  return (
    <div className="call-person-tools">
      <button
        type="button"
        className="small"
        aria-label={t(mic, { name })}
        onClick={() => void session.hosting.muteParticipant(accountId, !person.mutedByHost, null)}
      >
        {t(`${mic}Short`)}
      </button>
      <button
        type="button"
        className="small"
        aria-label={t(camera, { name })}
        onClick={() => void session.hosting.muteParticipant(accountId, null, !person.cameraOffByHost)}
      >
        {t(`${camera}Short`)}
      </button>
      <button
        type="button"
        className="small danger"
        aria-label={t('removeThem', { name })}
        onClick={() => setConfirming(true)}
      >
        {t('removeThemShort')}
      </button>
    </div>
  )
}

/** A host's guest link: off until turned on for this call; its address shown to copy; off again keeps newcomers out. */
function GuestLink({ session, link }: { session: GroupSession; link: string | null }) {
  const t = useT(groupCallTexts)
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [turnedOff, setTurnedOff] = useState(false)
  function turn(on: boolean) {
    setBusy(true)
    void session
      .setGuestLink(on)
      .then((done) => setTurnedOff(done && !on))
      .finally(() => setBusy(false))
  }
  return (
    <section className="call-guests" aria-labelledby={id}>
      <h3 id={id}>{t('guestLinkTitle')}</h3>
      <p className="hint">{t('guestLinkHint')}</p>
      {link ? (
        <>
          <CopyField label={t('guestLink')} value={link} />
          <button type="button" className="small" disabled={busy} onClick={() => turn(false)}>
            {t('guestLinkOff')}
          </button>
        </>
      ) : (
        <>
          {turnedOff ? <p role="status">{t('guestLinkIsOff')}</p> : null}
          <button type="button" className="small" disabled={busy} onClick={() => turn(true)}>
            {t('guestLinkOn')}
          </button>
        </>
      )}
    </section>
  )
}

/** A host's switches for the call: locked, microphones locked, the waiting room; and ending it for everyone. */
function CallSettings({ session, call }: { session: GroupSession; call: CallResponse }) {
  const t = useT(groupCallTexts)
  const id = useId()
  const [ending, setEnding] = useState(false)
  // A switch shows its new state at once, until the server's answer (or refusal) says what it is.
  const [asked, setAsked] = useState<Partial<Record<'locked' | 'micsLocked' | 'waitingRoom', boolean>>>({})
  const switches = [
    { key: 'locked', label: t('lockCall'), checked: call.locked },
    { key: 'micsLocked', label: t('lockMics'), checked: call.micsLocked },
    { key: 'waitingRoom', label: t('waitingRoom'), checked: call.waitingRoom },
  ] as const
  return (
    <section className="call-settings" aria-labelledby={id}>
      <h3 id={id}>{t('settingsTitle')}</h3>
      {switches.map((s) => (
        <div key={s.key} className="switch-row">
          <input
            id={`${id}-${s.key}`}
            type="checkbox"
            // oxlint-disable-next-line jsx-a11y/role-has-required-aria-props -- a checkbox's checked is its aria-checked
            role="switch"
            checked={asked[s.key] ?? s.checked}
            onChange={(e) => {
              const value = e.target.checked
              setAsked((a) => ({ ...a, [s.key]: value }))
              void session.hosting
                .changeSettings({ [s.key]: value })
                .finally(() => setAsked((a) => ({ ...a, [s.key]: undefined })))
            }}
          />
          <label htmlFor={`${id}-${s.key}`}>{s.label}</label>
        </div>
      ))}
      <ConfirmButton
        label={t('endForAll')}
        question={t('endQuestion')}
        confirmLabel={t('yesEnd')}
        cancelLabel={t('cancel')}
        danger
        pending={ending}
        error={null}
        onConfirm={() => {
          setEnding(true)
          void session.hosting.endForEveryone().finally(() => setEnding(false))
        }}
      />
    </section>
  )
}

/**
 * The participants panel: the waiting room (hosts), raised hands in the order they went up, everyone in the call with
 * a host's tools beside each (not beside me or the one who started the call: the server refuses those), and the
 * host's settings. The server decides who is a host; a refusal shows its title on the call screen.
 */
export function CallPeople({
  id,
  session,
  call,
  myId,
  host,
  guestLink,
  onClose,
}: {
  id: string
  session: GroupSession
  call: CallResponse
  myId: string
  host: boolean
  guestLink: string | null
  onClose: () => void
}) {
  const t = useT(groupCallTexts)
  const headingId = useId()
  const handsId = useId()
  const inCallId = useId()
  const hands = raisedHands(call)
  const people = joinedPeople(call)
  return (
    <aside id={id} className="call-people" aria-labelledby={headingId}>
      <div className="call-people-head">
        <h2 id={headingId}>{t('peopleTitle')}</h2>
        <button type="button" className="small" onClick={onClose}>
          {t('hidePeople')}
        </button>
      </div>
      {host ? <WaitingRoom session={session} call={call} /> : null}
      {hands.length > 0 ? (
        <section aria-labelledby={handsId}>
          <h3 id={handsId}>{t('handsTitle')}</h3>
          <ol className="call-hands">
            {hands.map((p) => (
              <li key={p.accountId}>{p.accountId === myId ? t('you') : p.displayName}</li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby={inCallId}>
        <h3 id={inCallId}>
          {t('inCallTitle')} ({people.length})
        </h3>
        <ul>
          {people.map((p) => (
            <li key={p.accountId} className="call-person">
              <span className="call-person-name">
                {p.accountId === myId ? `${p.displayName} (${t('you')})` : p.displayName}
                {p.accountId === call.startedBy ? <span className="call-badge">{t('host')}</span> : null}
                {p.guest ? <span className="call-badge">{t('guest')}</span> : null}
                {p.mutedByHost || p.micOff ? <span className="call-badge">{t('micOff')}</span> : null}
                {p.handRaisedAt !== null ? <span className="call-badge">{t('handUp')}</span> : null}
              </span>
              {host && p.accountId !== myId && p.accountId !== call.startedBy ? (
                <HostTools session={session} person={p} />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {host ? <GuestLink session={session} link={guestLink} /> : null}
      {host ? <CallSettings session={session} call={call} /> : null}
    </aside>
  )
}
