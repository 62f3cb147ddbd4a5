import type { CallEndReason, CallParticipant, CallResponse } from '../../lib/api-types'
import type { CallKey } from './texts'

// Where a call stands for this tab, from the call as the server last said it and from this tab's peer connection.
// Pure, so the ringing rule and the status line are tested without a browser.

/** The peer connection's state (RTCPeerConnectionState), or "new" before there is one. */
export type Link = 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed'

export type CallPhase =
  /** Turning the microphone (and camera) on, asking the server. */
  | 'preparing'
  /** The other person's tabs are ringing. */
  | 'calling'
  /** Both are in the call; the media is not flowing yet. */
  | 'connecting'
  | 'active'
  | 'ended'
  /** The server or the browser said no (busy, not allowed, no microphone…). */
  | 'refused'

/** A call that rings in this tab, with the school it is in (the call does not say). */
export interface Ring {
  schoolId: string
  call: CallResponse
}

export function otherOf(call: CallResponse, myId: string): CallParticipant | undefined {
  return call.participants.find((p) => p.accountId !== myId)
}

/** This tab rings for the call: I am being called and it has not ended. */
export function ringsFor(call: CallResponse, myId: string): boolean {
  return call.endedAt === null && call.participants.some((p) => p.accountId === myId && p.state === 'Ringing')
}

/** A call that rang here ended without anyone answering (the ring ran out, or the caller gave up). */
export function missedBy(call: CallResponse): boolean {
  return call.endedAt !== null && call.endReason === 'Missed'
}

export function phaseOf(call: CallResponse, myId: string, link: Link): CallPhase {
  if (call.endedAt !== null) return 'ended'
  if (otherOf(call, myId)?.state !== 'Joined') return 'calling'
  return link === 'connected' || link === 'disconnected' ? 'active' : 'connecting'
}

export interface StatusInput {
  phase: CallPhase
  video: boolean
  caller: boolean
  link: Link
  endReason: CallEndReason | null
  /** The problem type's last segment when the server refused ("busy", "call-in-progress"). */
  refusal?: string
}

/** The call screen's status line. */
export function statusKey(s: StatusInput): CallKey {
  switch (s.phase) {
    case 'preparing':
      return s.video ? 'preparingVideo' : 'preparing'
    case 'calling':
      return 'calling'
    case 'connecting':
      return s.link === 'failed' ? 'failed' : 'connecting'
    case 'active':
      return s.link === 'disconnected' ? 'interrupted' : 'active'
    case 'ended':
      if (s.endReason === 'Declined') return 'declined'
      return s.endReason === 'Missed' && s.caller ? 'noAnswer' : 'ended'
    case 'refused':
      if (s.refusal === 'busy') return 'busy'
      if (s.refusal === 'call-in-progress') return 'inProgress'
      return s.caller ? 'notPlaced' : 'failed'
  }
}

/** "Ольга Сидорова" → "ОС": shown instead of video. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0].toUpperCase())
    .join('')
}
