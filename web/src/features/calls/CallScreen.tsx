import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react'
import { useLocation, useNavigate } from 'react-router-dom'
import { formatDuration } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { ChatIcon, HangUpIcon, MicIcon, MicOffIcon, SettingsIcon, SwitchCameraIcon, VideoIcon } from '../../lib/icons'
import './calls.css'
import { DeviceSelect } from './DeviceSelect'
import { answerCall, type CallSession, type CallView } from './session'
import { initials, statusKey } from './status'
import { callTexts } from './texts'

function Video({ stream, className, label }: { stream: MediaStream; className: string; label: string }) {
  const video = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    if (video.current) video.current.srcObject = stream
  }, [stream])
  // Muted: the sound plays through RemoteSound, so an own video never echoes and a remote one never plays twice.
  return <video ref={video} className={className} aria-label={label} autoPlay playsInline muted />
}

/** The other side's sound. Where the browser will not play it yet (no touch on this page), a button starts it. */
function RemoteSound({ stream }: { stream: MediaStream }) {
  const t = useT(callTexts)
  const audio = useRef<HTMLAudioElement>(null)
  const [blocked, setBlocked] = useState(false)
  useEffect(() => {
    const element = audio.current
    if (!element) return
    element.srcObject = stream
    element.play().then(
      () => setBlocked(false),
      () => setBlocked(true),
    )
  }, [stream])
  return (
    <>
      <audio ref={audio} autoPlay />
      {blocked ? (
        <button
          type="button"
          className="call-sound"
          onClick={() => void audio.current?.play().then(() => setBlocked(false))}
        >
          {t('playSound')}
        </button>
      ) : null}
    </>
  )
}

/** Seconds since the answer, counted on this tab's clock. */
function Timer({ since }: { since: number }) {
  const t = useT(callTexts)
  const [now, setNow] = useState(since)
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return (
    <p className="call-timer" role="timer" aria-label={t('duration')}>
      {formatDuration((now - since) / 1000)}
    </p>
  )
}

function Controls({ session, view, onChat }: { session: CallSession; view: CallView; onChat: () => void }) {
  const t = useT(callTexts)
  const panelId = useId()
  const [devicesOpen, setDevicesOpen] = useState(false)
  return (
    <>
      {devicesOpen ? (
        <div id={panelId} className="call-devices">
          <DeviceSelect
            label={t('microphone')}
            devices={view.devices.audio}
            value={view.micId}
            onChange={(id) => void session.media.useDevice('audio', id)}
          />
          {view.hasCamera ? (
            <DeviceSelect
              label={t('camera')}
              devices={view.devices.video}
              value={view.cameraId}
              onChange={(id) => void session.media.useDevice('video', id)}
            />
          ) : null}
        </div>
      ) : null}
      <div className="call-controls" role="group" aria-label={t('controls')}>
        <button
          type="button"
          className="call-button"
          aria-pressed={!view.micOn}
          title={t('mute')}
          onClick={session.media.toggleMic}
        >
          {view.micOn ? <MicIcon /> : <MicOffIcon />}
          <span className="visually-hidden">{t('mute')}</span>
        </button>
        {view.hasCamera ? (
          <button
            type="button"
            className="call-button"
            aria-pressed={!view.cameraOn}
            title={t('cameraOff')}
            onClick={session.media.toggleCamera}
          >
            <VideoIcon off={!view.cameraOn} />
            <span className="visually-hidden">{t('cameraOff')}</span>
          </button>
        ) : null}
        {view.hasCamera && view.devices.video.length > 1 ? (
          <button type="button" className="call-button" title={t('switchCamera')} onClick={session.media.switchCamera}>
            <SwitchCameraIcon />
            <span className="visually-hidden">{t('switchCamera')}</span>
          </button>
        ) : null}
        {view.devices.audio.length > 0 ? (
          <button
            type="button"
            className="call-button"
            aria-expanded={devicesOpen}
            aria-controls={devicesOpen ? panelId : undefined}
            title={t('devices')}
            onClick={() => setDevicesOpen((open) => !open)}
          >
            <SettingsIcon />
            <span className="visually-hidden">{t('devices')}</span>
          </button>
        ) : null}
        <button type="button" className="call-button" title={t('chat')} onClick={onChat}>
          <ChatIcon />
          <span className="visually-hidden">{t('chat')}</span>
        </button>
        <button type="button" className="call-button call-hang-up" title={t('hangUp')} onClick={session.hangUp}>
          <HangUpIcon />
          <span className="visually-hidden">{t('hangUp')}</span>
        </button>
      </div>
    </>
  )
}

/** The call while the app is shown (the chat, say): a small bar with the time, the way back and hanging up. */
function MinimizedCall({ session, view }: { session: CallSession; view: CallView }) {
  const t = useT(callTexts)
  return (
    <div className="call-mini" role="region" aria-label={t('callWith', { name: view.peerName })}>
      <button type="button" className="small primary" onClick={() => session.setMinimized(false)}>
        <VideoIcon />
        {t('backToCall')}
      </button>
      {view.answeredAt !== null ? <Timer since={view.answeredAt} /> : null}
      <button type="button" className="small danger" title={t('hangUp')} onClick={session.hangUp}>
        <HangUpIcon />
        <span className="visually-hidden">{t('hangUp')}</span>
      </button>
    </div>
  )
}

/**
 * The call, over the whole app (a modal dialog: on a phone it is the screen): the other person's video large, mine
 * small and mirrored, or their initials in an audio call; their name, how the call goes and for how long; the
 * controls. "Чат" gives way to the chat (the call and its sound go on; a bar leads back). Escape does not hang up.
 * When the call is over it says why, then closes by itself (or on "Закрыть").
 */
export function CallScreen({ session }: { session: CallSession }) {
  const t = useT(callTexts)
  const view = useSyncExternalStore(session.subscribe, session.getView)
  const titleId = useId()
  const statusId = useId()
  const dialog = useRef<HTMLDialogElement>(null)
  const over = view.phase === 'ended' || view.phase === 'refused'
  const problem = view.problem?.title ?? (view.problem?.key ? t(view.problem.key) : '')
  const joinable = view.problem?.callId
  const navigate = useNavigate()
  const { pathname } = useLocation()

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [view.minimized])

  function toChat() {
    const { schoolId, chatId } = session.origin
    session.setMinimized(true)
    const chat = `/school/${schoolId}/chats/${chatId}`
    if (pathname !== chat) navigate(chat)
  }

  function join(callId: string) {
    const { schoolId, chatId, myId } = session.origin
    answerCall({ schoolId, chatId, myId, video: view.video, peerName: view.peerName, callId, withVideo: view.video })
  }

  // The other side's sound plays outside the screen, so it goes on while the chat is shown.
  const sound = view.remote ? <RemoteSound stream={view.remote} /> : null
  if (view.minimized)
    return (
      <>
        {sound}
        <MinimizedCall session={session} view={view} />
      </>
    )
  return (
    <dialog
      ref={dialog}
      className="call-screen"
      aria-labelledby={titleId}
      aria-describedby={statusId}
      onCancel={(e) => e.preventDefault()}
      onClose={(e) => {
        // Escape before any touch closes a dialog without asking (see Ringing): once over, that closes the screen;
        // during the call it stays.
        if (over) session.dispose()
        else e.currentTarget.showModal()
      }}
    >
      <div className="call-stage">
        {view.remote && view.remoteVideo ? (
          <Video stream={view.remote} className="call-remote" label={t('theirVideo', { name: view.peerName })} />
        ) : (
          <div className="call-avatar" aria-hidden="true">
            {initials(view.peerName)}
          </div>
        )}
        {sound}
        {view.local && view.hasCamera && view.cameraOn ? (
          <Video stream={view.local} className="call-self" label={t('yourVideo')} />
        ) : null}
      </div>
      <div className="call-top">
        <h2 id={titleId}>{view.peerName}</h2>
        <p id={statusId} role="status">
          {t(statusKey({ ...view, refusal: view.problem?.kind }))}
        </p>
        {view.answeredAt !== null && !over ? <Timer since={view.answeredAt} /> : null}
        {problem ? (
          <p className="call-problem" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      {over ? (
        <div className="call-controls">
          {joinable ? (
            <button type="button" className="primary" onClick={() => join(joinable)}>
              {t('join')}
            </button>
          ) : null}
          <button type="button" autoFocus onClick={session.dispose}>
            {t('close')}
          </button>
        </div>
      ) : (
        <Controls session={session} view={view} onChat={toChat} />
      )}
    </dialog>
  )
}
