import type { CallResponse, CallSubscription } from '../../lib/api-types'
import { base } from '../../lib/chat-api'
import { api } from '../../lib/http'

// Group calls (src/Server/Calls/CallsApi.cs): the call in progress in a chat, this tab's media through the SFU (it
// never talks to Janus itself), hands, and what hosts do. Starting, joining and leaving are api.ts's, as for direct
// calls. Every request for media names the tab's leg.

const callOf = (schoolId: string, chatId: string, callId: string) => `${base(schoolId)}/chats/${chatId}/calls/${callId}`

/** The chat's call in progress, or null (the server answers 204). */
export async function fetchCurrentCall(schoolId: string, chatId: string): Promise<CallResponse | null> {
  return (await api<CallResponse | undefined>(`${base(schoolId)}/chats/${chatId}/calls/current`)) ?? null
}

/** Where one tab's requests about a call go. */
export interface CallRef {
  schoolId: string
  chatId: string
  callId: string
}

export interface Candidate {
  candidate: string | null
  sdpMid: string | null
  sdpMLineIndex: number | null
}

/** 0 low, 1 medium, 2 high: the simulcast layer of one received video. */
export type Substream = 0 | 1 | 2

/**
 * Where one leg's media requests go: a member's through the chat's call (below), a guest's through their link
 * (guest-api.ts). The server relays each to the SFU.
 */
export interface MediaApi {
  publish(legId: string, sdp: string): Promise<{ sdp: string }>
  subscribe(legId: string, fresh: boolean): Promise<CallSubscription>
  answer(legId: string, sdp: string): Promise<void>
  candidate(legId: string, target: 'publisher' | 'subscriber', c: Candidate): Promise<void>
  configure(legId: string, streams: StreamLayer[]): Promise<void>
  state(legId: string, state: MediaState): Promise<unknown>
}

/** One received video's layer (by its mid), or whether the SFU sends it at all. */
export interface StreamLayer {
  mid: string
  substream: Substream | null
  send: boolean | null
}

/** What a tab sends now, for the others to see. */
export interface MediaState {
  micOn: boolean
  cameraOn: boolean
  sharing: boolean
}

/** A member's media requests for a call of a chat. */
export function memberMedia(ref: CallRef): MediaApi {
  return {
    publish: (legId, sdp) => publish(ref, legId, sdp),
    subscribe: (legId, fresh) => subscribe(ref, legId, fresh),
    answer: (legId, sdp) => answer(ref, legId, sdp),
    candidate: (legId, target, c) => sendCandidate(ref, legId, target, c),
    configure: (legId, streams) => configure(ref, legId, streams),
    state: (legId, state) => reportState(ref, legId, state),
  }
}

export function publish(ref: CallRef, legId: string, sdp: string) {
  return api<{ sdp: string }>(`${callOf(ref.schoolId, ref.chatId, ref.callId)}/media/publish`, {
    method: 'POST',
    body: { legId, sdp },
  })
}

/** `fresh`: this tab has no receiving connection, so it needs a new subscription; otherwise the SFU updates the one it
 * has and the offer renegotiates the tab's receiving connection. */
export function subscribe(ref: CallRef, legId: string, fresh: boolean) {
  return api<CallSubscription>(`${callOf(ref.schoolId, ref.chatId, ref.callId)}/media/subscribe`, {
    method: 'POST',
    body: { legId, fresh },
  })
}

export function answer(ref: CallRef, legId: string, sdp: string) {
  return api<void>(`${callOf(ref.schoolId, ref.chatId, ref.callId)}/media/answer`, {
    method: 'POST',
    body: { legId, sdp },
  })
}

/** A candidate of the sending ("publisher") or receiving ("subscriber") connection; null ends gathering. */
export function sendCandidate(ref: CallRef, legId: string, target: 'publisher' | 'subscriber', c: Candidate) {
  return api<void>(`${callOf(ref.schoolId, ref.chatId, ref.callId)}/media/candidate`, {
    method: 'POST',
    body: { legId, target, ...c },
  })
}

/** Which layer of received streams the SFU sends this tab, or whether it sends them at all: one request for all. */
export function configure(ref: CallRef, legId: string, streams: StreamLayer[]) {
  return api<void>(`${callOf(ref.schoolId, ref.chatId, ref.callId)}/media/configure`, {
    method: 'POST',
    body: { legId, streams },
  })
}

export function reportState(ref: CallRef, legId: string, state: MediaState) {
  return api<CallResponse>(`${callOf(ref.schoolId, ref.chatId, ref.callId)}/media/state`, {
    method: 'POST',
    body: { legId, ...state },
  })
}

export function raiseHand(ref: CallRef, legId: string, raised: boolean) {
  return api<CallResponse>(`${callOf(ref.schoolId, ref.chatId, ref.callId)}/hand`, {
    method: 'POST',
    body: { legId, raised },
  })
}

/** My microphone back on after a host muted it (403 mics_locked while the host has locked microphones). */
export function unmute(ref: CallRef, legId: string) {
  return api<CallResponse>(`${callOf(ref.schoolId, ref.chatId, ref.callId)}/unmute`, {
    method: 'POST',
    body: { legId },
  })
}

// A host's actions: the server decides who is one (403 call_hosts_only otherwise).

export interface CallSettings {
  locked?: boolean
  micsLocked?: boolean
  waitingRoom?: boolean
}

export function changeSettings(ref: CallRef, settings: CallSettings) {
  return api<CallResponse>(`${callOf(ref.schoolId, ref.chatId, ref.callId)}/settings`, {
    method: 'PUT',
    body: { locked: null, micsLocked: null, waitingRoom: null, ...settings },
  })
}

/** Switches someone's microphone (audio) or camera (video) off for everyone, or back on; null leaves it. */
export function muteParticipant(ref: CallRef, accountId: string, audio: boolean | null, video: boolean | null) {
  return api<CallResponse>(`${callOf(ref.schoolId, ref.chatId, ref.callId)}/participants/${accountId}/mute`, {
    method: 'POST',
    body: { audio, video },
  })
}

export type Decision = 'remove' | 'admit' | 'deny'

export function decide(ref: CallRef, accountId: string, decision: Decision) {
  return api<CallResponse>(`${callOf(ref.schoolId, ref.chatId, ref.callId)}/participants/${accountId}/${decision}`, {
    method: 'POST',
  })
}

export function admitAll(ref: CallRef) {
  return api<CallResponse>(`${callOf(ref.schoolId, ref.chatId, ref.callId)}/admit-all`, { method: 'POST' })
}

export function endForEveryone(ref: CallRef) {
  return api<CallResponse>(`${callOf(ref.schoolId, ref.chatId, ref.callId)}/end`, { method: 'POST' })
}
