import { useEffect, useRef, useSyncExternalStore } from 'react'
import type { CallParticipant } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { HandIcon, MicOffIcon } from '../../lib/icons'
import type { GroupView } from './group-session'
import { featuredOf, joinedPeople } from './group-status'
import { maxVideoTiles, showOrder } from './layers'
import { initials } from './status'
import { groupCallTexts } from './texts'

const narrowQuery = '(max-width: 700px)'

function subscribeNarrow(listener: () => void) {
  const query = matchMedia(narrowQuery)
  query.addEventListener('change', listener)
  return () => query.removeEventListener('change', listener)
}

/** A phone in portrait (the chat screen's own breakpoint). */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribeNarrow, () => matchMedia(narrowQuery).matches)
}

function TileVideo({
  stream,
  label,
  hidden,
  mirrored,
}: {
  stream: MediaStream
  label: string
  hidden?: boolean
  mirrored?: boolean
}) {
  const video = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    if (video.current) video.current.srcObject = stream
  }, [stream])
  // Muted: the sound plays through the screen's audio elements (and mine never echoes).
  return (
    <video
      ref={video}
      className={mirrored ? 'call-tile-video call-tile-mirrored' : 'call-tile-video'}
      aria-label={label}
      hidden={hidden}
      autoPlay
      playsInline
      muted
    />
  )
}

/** The line under a tile: the name and what is true of them now (host, guest, microphone off, hand up, speaking). */
function TileName({
  name,
  host,
  guest,
  micOff,
  sharing,
  hand,
  talking,
}: {
  name: string
  host: boolean
  guest: boolean
  micOff: boolean
  sharing?: boolean
  hand: boolean
  talking: boolean
}) {
  const t = useT(groupCallTexts)
  return (
    <p className="call-tile-name">
      <span className="call-tile-label">{name}</span>
      {host ? <span className="call-badge">{t('host')}</span> : null}
      {guest ? <span className="call-badge">{t('guest')}</span> : null}
      {sharing ? <span className="call-badge">{t('screen')}</span> : null}
      {micOff ? (
        <span className="call-badge-icon" title={t('micOff')}>
          <MicOffIcon />
          <span className="visually-hidden">{t('micOff')}</span>
        </span>
      ) : null}
      {hand ? (
        <span className="call-badge-icon call-badge-hand" title={t('handUp')}>
          <HandIcon size={18} />
          <span className="visually-hidden">{t('handUp')}</span>
        </span>
      ) : null}
      {talking ? <span className="visually-hidden">{t('speaking')}</span> : null}
    </p>
  )
}

/**
 * The people of the call as tiles: a grid, or the speaker view (the one who speaks, or leads, large; the rest in a
 * row). Videos the SFU does not send this tab (past the phone's six, see layers.ts) are not tiles: those people are
 * heard, and listed below by name. My own tile comes last.
 */
export function GroupTiles({ view, myId }: { view: GroupView; myId: string }) {
  const t = useT(groupCallTexts)
  const narrow = useNarrow()
  const call = view.call
  if (!call) return null
  const startedBy = call.startedBy
  const people = joinedPeople(call)
  const byId = new Map(people.map((p) => [p.accountId, p]))
  const others = people.filter((p) => p.accountId !== myId).map((p) => p.accountId)
  const lead = featuredOf(call)
  const featured = others.includes(lead) ? lead : null
  const order = showOrder({ people: others, featured, speakers: view.speakers })
  const max = maxVideoTiles(narrow)
  const shown = order.filter((id, index) => view.layers.get(id)?.send ?? index < max)
  const heard = order.filter((id) => !shown.includes(id))
  // The speaker view puts first whoever spoke last (among those shown), else the one who leads.
  const main = view.speakers.find((id) => shown.includes(id)) ?? shown[0]
  const tiles = view.layout === 'speaker' && main ? [main, ...shown.filter((id) => id !== main)] : shown
  const me = byId.get(myId)

  function tile(person: CallParticipant) {
    const remote = view.people.get(person.accountId)
    const flowing = view.flowing.has(person.accountId)
    const talking = view.talking.has(person.accountId)
    return (
      <li key={person.accountId} className={talking ? 'call-tile call-tile-talking' : 'call-tile'}>
        {remote?.video ? (
          <TileVideo
            stream={remote.stream}
            label={t('theirVideo', { name: person.displayName })}
            hidden={!flowing || person.cameraOffByHost}
          />
        ) : null}
        {!flowing || person.cameraOffByHost ? (
          <div className="call-tile-avatar" aria-hidden="true">
            {initials(person.displayName)}
          </div>
        ) : null}
        <TileName
          name={person.displayName}
          host={person.accountId === startedBy}
          guest={person.guest}
          micOff={person.mutedByHost || person.micOff}
          sharing={person.sharingSince !== null}
          hand={person.handRaisedAt !== null}
          talking={talking}
        />
      </li>
    )
  }

  const selfVideo = view.local && view.hasCamera && view.cameraOn && !view.sharing
  return (
    <div className="call-tiles-area">
      <ul
        className={view.layout === 'speaker' ? 'call-tiles call-tiles-speaker' : 'call-tiles'}
        aria-label={t('tiles')}
        data-count={Math.min(tiles.length + 1, 9)}
      >
        {tiles.map((id) => {
          const person = byId.get(id)
          return person ? tile(person) : null
        })}
        <li className={view.talking.has(myId) ? 'call-tile call-tile-talking' : 'call-tile'}>
          {selfVideo && view.local ? <TileVideo stream={view.local} label={t('yourVideo')} mirrored /> : null}
          {!selfVideo ? (
            <div className="call-tile-avatar" aria-hidden="true">
              {initials(me?.displayName ?? t('you'))}
            </div>
          ) : null}
          {view.sharing ? <p className="call-tile-sharing">{t('sharing')}</p> : null}
          <TileName
            name={t('you')}
            host={call.startedBy === myId}
            guest={me?.guest ?? false}
            micOff={!view.micOn}
            hand={me?.handRaisedAt != null}
            talking={view.talking.has(myId)}
          />
        </li>
      </ul>
      {heard.length > 0 ? (
        <div className="call-heard">
          <p>{t('soundOnly', { count: heard.length })}</p>
          <ul>
            {heard.map((id) => {
              const person = byId.get(id)
              if (!person) return null
              return (
                <li key={id} className={view.talking.has(id) ? 'call-heard-talking' : undefined}>
                  <TileName
                    name={person.displayName}
                    host={false}
                    guest={person.guest}
                    micOff={person.mutedByHost || person.micOff}
                    hand={person.handRaisedAt !== null}
                    talking={view.talking.has(id)}
                  />
                </li>
              )
            })}
          </ul>
        </div>
      ) : null}
    </div>
  )
}
