import type { CallParticipant, CallResponse, Role } from '../../lib/api-types'
import type { GroupKey } from './texts'

// Where a group call stands for this tab and who is who in it, from the call as the server last said it. Pure, so
// it is tested without a browser.

export type GroupPhase =
  /** Asking the server to start or join. */
  | 'joining'
  /** In the waiting room: a host has not let me in yet. */
  | 'waiting'
  /** Let in; my media is not flowing to the SFU yet. */
  | 'connecting'
  | 'active'
  | 'ended'
  /** A host removed me, or turned me away from the waiting room. */
  | 'removed'
  | 'denied'
  /** The server or the browser said no (the server's title says why). */
  | 'refused'

export function participantOf(call: CallResponse, accountId: string): CallParticipant | undefined {
  return call.participants.find((p) => p.accountId === accountId)
}

/** Everyone in the call now, in the order they came (the one who started it first). */
export function joinedPeople(call: CallResponse): CallParticipant[] {
  return call.participants
    .filter((p) => p.state === 'Joined')
    .sort((a, b) => (a.joinedAt ?? '').localeCompare(b.joinedAt ?? ''))
}

/** Those in the waiting room, first come first. */
export function waitingPeople(call: CallResponse): CallParticipant[] {
  return call.participants
    .filter((p) => p.state === 'Waiting')
    .sort((a, b) => (a.joinedAt ?? '').localeCompare(b.joinedAt ?? ''))
}

/** Raised hands in the order they went up. */
export function raisedHands(call: CallResponse): CallParticipant[] {
  return call.participants
    .filter((p) => p.state === 'Joined' && p.handRaisedAt !== null)
    .sort((a, b) => (a.handRaisedAt ?? '').localeCompare(b.handRaisedAt ?? ''))
}

/**
 * Who I receive: the others in the call whose media reaches the SFU. A person's new tab publishes under a new feed
 * (and `joinedAt` changes), so it counts as a change too. Equal keys: the subscription I hold is still right.
 */
export function publishersKey(call: CallResponse, myId: string): string {
  return call.participants
    .filter((p) => p.accountId !== myId && p.state === 'Joined' && p.publishing)
    .map((p) => `${p.accountId}@${p.joinedAt ?? ''}`)
    .sort()
    .join(' ')
}

/** Whom everyone receives large: the latest of those in the call to share a screen, else the one who started it. */
export function featuredOf(call: CallResponse): string {
  const sharers = joinedPeople(call)
    .filter((p) => p.sharingSince !== null)
    .sort((a, b) => (b.sharingSince ?? '').localeCompare(a.sharingSince ?? ''))
  return sharers[0]?.accountId ?? call.startedBy
}

/** What my tab sends now, as the others should see it (listening only: no microphone). */
export function mediaStateOf(view: {
  local: MediaStream | null
  micOn: boolean
  hasCamera: boolean
  cameraOn: boolean
  sharing: boolean
}) {
  return {
    micOn: Boolean(view.local?.getAudioTracks().length) && view.micOn,
    cameraOn: view.sharing || (view.hasCamera && view.cameraOn),
    sharing: view.sharing,
  }
}

/** What the app knows of my rights in the chat; the server has the last word on every host action. */
export interface HostHint {
  /** Owner or moderator of the chat. */
  chatModerator: boolean
  /** My roles in the school (teachers and administrators are hosts). */
  schoolRoles: readonly Role[]
}

/** Hosts of a group call: who started it, the chat's moderators, and the school's teachers and administrators. */
export function isHost(call: Pick<CallResponse, 'startedBy'>, myId: string, hint: HostHint): boolean {
  return (
    call.startedBy === myId ||
    hint.chatModerator ||
    hint.schoolRoles.includes('Teacher') ||
    hint.schoolRoles.includes('Admin')
  )
}

/** My phase from the call (the phases that need the media, `connecting`/`active`, are the session's). */
export function phaseFromCall(call: CallResponse, myId: string, current: GroupPhase): GroupPhase {
  if (call.endedAt !== null) return 'ended'
  const me = participantOf(call, myId)
  if (me?.state === 'Waiting') return 'waiting'
  if (me?.state === 'Removed') return current === 'waiting' ? 'denied' : 'removed'
  if (me?.state === 'Joined' && (current === 'waiting' || current === 'joining')) return 'connecting'
  return current
}

/** The status line of the group call screen. */
export function groupStatusKey(phase: GroupPhase, link: RTCPeerConnectionState | 'new'): GroupKey {
  switch (phase) {
    case 'joining':
      return 'joining'
    case 'waiting':
      return 'waiting'
    case 'connecting':
      return link === 'failed' ? 'failed' : 'connecting'
    case 'active':
      return link === 'disconnected' || link === 'failed' ? 'interrupted' : 'active'
    case 'ended':
      return 'ended'
    case 'removed':
      return 'removed'
    case 'denied':
      return 'denied'
    case 'refused':
      return 'notJoined'
  }
}

/** Who spoke, the latest first, after someone started or stopped talking (kept to `kept` people). */
export function speakersAfter(speakers: readonly string[], accountId: string, talking: boolean, kept = 8): string[] {
  if (!talking) return [...speakers]
  return [accountId, ...speakers.filter((id) => id !== accountId)].slice(0, kept)
}
