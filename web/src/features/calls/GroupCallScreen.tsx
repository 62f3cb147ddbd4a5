import { type ReactNode, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react'
import { useLocation, useNavigate } from 'react-router-dom'
import { useT } from '../../lib/i18n'
import { HangUpIcon, VideoIcon } from '../../lib/icons'
import { CallPeople, WaitingRoom } from './CallPeople'
import { GroupControls } from './GroupControls'
import type { GroupSession, GroupView } from './group-session'
import { groupStatusKey, joinedPeople, participantOf, waitingPeople } from './group-status'
import { GroupTiles } from './GroupTiles'
import { CallAlerts, PlaySound, useCallSounds, WaitingStage } from './call-stage'
import './calls.css'
import './group-call.css'
import { groupCallTexts } from './texts'

/**
 * The call while the rest of the app is shown: a small bar on top with the way back and out. In the call's own chat
 * the chat's bar under its head does that (GroupCallBar), and this one stays out of the way.
 */
function MinimizedCall({ session, view, sound }: { session: GroupSession; view: GroupView; sound: ReactNode }) {
  const t = useT(groupCallTexts)
  const { pathname } = useLocation()
  const { schoolId, chatId, chatTitle } = session.origin
  if (pathname === `/school/${schoolId}/chats/${chatId}`) return null
  const waiting = view.host && view.call ? waitingPeople(view.call).length : 0
  return (
    <div className="call-mini" role="region" aria-label={t('callOf', { chat: chatTitle })}>
      <button
        type="button"
        className="small primary"
        aria-label={waiting > 0 ? `${t('backToCall')} · ${t('waitingTitle')}: ${waiting}` : t('backToCall')}
        onClick={() => session.setMinimized(false)}
      >
        <VideoIcon />
        {t('toCall')}
        {waiting > 0 ? <span className="call-count">{waiting}</span> : null}
      </button>
      <button type="button" className="small danger" title={t('leave')} onClick={session.leave}>
        <HangUpIcon />
        <span className="visually-hidden">{t('leave')}</span>
      </button>
      {sound}
    </div>
  )
}

/**
 * A group call over the whole app (a modal dialog: on a phone it is the screen): the chat's name and how the call
 * goes, the tiles, the participants panel, the controls. "Чат" gives way to the chat (the call goes on, a bar leads
 * back). Escape does not leave. When it is over it says why; an ended call closes by itself.
 */
export function GroupCallScreen({ session }: { session: GroupSession }) {
  const t = useT(groupCallTexts)
  const view = useSyncExternalStore(session.subscribe, session.getView)
  const navigate = useNavigate()
  const titleId = useId()
  const statusId = useId()
  const peopleId = useId()
  const dialog = useRef<HTMLDialogElement>(null)
  const [peopleOpen, setPeopleOpen] = useState(false)
  const { myId, chatTitle, schoolId, chatId } = session.origin
  const over = view.phase === 'ended' || view.phase === 'removed' || view.phase === 'denied' || view.phase === 'refused'
  const inCall = view.phase === 'connecting' || view.phase === 'active'
  const call = view.call
  const me = call ? participantOf(call, myId) : undefined
  const { sounds, blocked, play } = useCallSounds(view.people)
  const playSound = blocked ? <PlaySound play={play} /> : null

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [view.minimized])

  function toChat() {
    session.setMinimized(true)
    navigate(`/school/${schoolId}/chats/${chatId}`)
  }

  return (
    <>
      {sounds}
      {view.minimized ? (
        <MinimizedCall session={session} view={view} sound={playSound} />
      ) : (
        <dialog
          ref={dialog}
          className="call-screen group-call"
          aria-labelledby={titleId}
          aria-describedby={statusId}
          onCancel={(e) => e.preventDefault()}
          onClose={(e) => {
            // Escape before any touch closes a dialog without asking: once over, that closes the screen.
            if (over) session.dispose()
            else e.currentTarget.showModal()
          }}
        >
          <div className="group-call-top">
            <h2 id={titleId}>{chatTitle}</h2>
            <p id={statusId} role="status">
              {/* Refused before there was a call: it was this tab starting one. */}
              {t(
                view.phase === 'refused' && session.currentCallId === null
                  ? 'notStarted'
                  : groupStatusKey(view.phase, view.link),
              )}
            </p>
            {call && inCall ? (
              <p className="group-call-count">{t('peopleCount', { count: joinedPeople(call).length })}</p>
            ) : null}
            {me?.mutedByHost && inCall ? <p className="group-call-note">{t('mutedByHost')}</p> : null}
            {playSound}
            <CallAlerts view={view} />
          </div>
          <div className="group-call-body">
            {view.phase === 'waiting' || view.phase === 'joining' ? <WaitingStage view={view} /> : null}
            {inCall ? <GroupTiles view={view} myId={myId} /> : null}
            {inCall && view.host && call && !peopleOpen ? (
              <div className="group-call-waiting-room">
                <WaitingRoom session={session} call={call} />
              </div>
            ) : null}
            {inCall && peopleOpen && call ? (
              <CallPeople
                id={peopleId}
                session={session}
                call={call}
                myId={myId}
                host={view.host}
                guestLink={view.guestLink}
                onClose={() => setPeopleOpen(false)}
              />
            ) : null}
          </div>
          {over ? (
            <div className="call-controls">
              <button type="button" autoFocus onClick={session.dispose}>
                {t('close')}
              </button>
            </div>
          ) : (
            <GroupControls
              session={session}
              view={view}
              myId={myId}
              peopleOpen={peopleOpen}
              peopleId={peopleId}
              onPeople={() => setPeopleOpen((open) => !open)}
              onChat={toChat}
            />
          )}
        </dialog>
      )}
    </>
  )
}
