import { useCallback, useEffect, useRef, useState } from 'react'
import { useT } from '../../lib/i18n'
import type { GroupView } from './group-view'
import type { RemotePerson } from './receiver'
import { groupCallTexts } from './texts'

// What a member's group call screen and a guest's page both show around the tiles: everyone's sound, the button that
// starts it where the browser waits for a touch, and my own picture while I wait to be let in.

function PersonSound({ stream, onBlocked }: { stream: MediaStream; onBlocked: () => void }) {
  const audio = useRef<HTMLAudioElement>(null)
  useEffect(() => {
    const element = audio.current
    if (!element) return
    element.srcObject = stream
    element.play().catch(onBlocked)
  }, [stream, onBlocked])
  return <audio ref={audio} autoPlay />
}

/**
 * Everyone's sound, one audio element each, outside the screen so it goes on while the chat is shown. Where the
 * browser will not play it yet (no touch on this page), `blocked` says so and `play` (from a button) starts them all.
 */
export function useCallSounds(people: ReadonlyMap<string, RemotePerson>) {
  const box = useRef<HTMLDivElement>(null)
  const [blocked, setBlocked] = useState(false)
  const onBlocked = useCallback(() => setBlocked(true), [])
  function play() {
    const all = [...(box.current?.querySelectorAll('audio') ?? [])].map((a) => a.play())
    void Promise.all(all).then(
      () => setBlocked(false),
      () => undefined,
    )
  }
  const sounds = (
    <div ref={box} hidden>
      {[...people.values()].map((person) =>
        person.audio ? <PersonSound key={person.accountId} stream={person.stream} onBlocked={onBlocked} /> : null,
      )}
    </div>
  )
  return { sounds, blocked, play }
}

export function PlaySound({ play }: { play: () => void }) {
  const t = useT(groupCallTexts)
  return (
    <button type="button" className="small primary" onClick={play}>
      {t('playSound')}
    </button>
  )
}

/** Waiting to be let in: my own picture and the controls I have until then. */
export function WaitingStage({ view }: { view: GroupView }) {
  const t = useT(groupCallTexts)
  const video = useRef<HTMLVideoElement>(null)
  const shown = Boolean(view.local && view.hasCamera && view.cameraOn)
  useEffect(() => {
    if (video.current) video.current.srcObject = view.local
  }, [view.local, shown])
  return shown ? (
    <video ref={video} className="group-call-waiting-self" aria-label={t('yourVideo')} autoPlay playsInline muted />
  ) : null
}

/** Why I am not in the call, and why my last action was refused: the server's title, or a text of ours. */
export function CallAlerts({ view }: { view: GroupView }) {
  const t = useT(groupCallTexts)
  const alerts = [view.problem, view.notice].map((a) => a?.title ?? (a?.key ? t(a.key) : '')).filter(Boolean)
  return alerts.map((text, i) => (
    <p key={i} className="call-problem" role="alert">
      {text}
    </p>
  ))
}
