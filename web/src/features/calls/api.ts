import type { CallResponse, JoinedCall } from '../../lib/api-types'
import { base } from '../../lib/chat-api'
import { csrfHeaders } from '../../lib/csrf'
import { api } from '../../lib/http'

// The calls of a chat (src/Server/Calls/CallsApi.cs). Plain requests rather than query hooks: a call lives in its
// session (session.ts), outside any screen's cache. `connectionId` is this tab's hub connection: when it closes, the
// server hangs the tab up.

const callsOf = (schoolId: string, chatId: string) => `${base(schoolId)}/chats/${chatId}/calls`

/** The ICE servers a join answered with, for RTCPeerConnection (only the install's own, never a public one). */
export function iceServersOf(joined: JoinedCall): RTCIceServer[] {
  return joined.iceServers.map((s) => ({
    urls: s.urls,
    username: s.username ?? undefined,
    credential: s.credential ?? undefined,
  }))
}

/** Calls ringing for me in a school now: a tab opened (or reconnected) while one rings finds it here. */
export function ringingCalls(schoolId: string) {
  return api<CallResponse[]>(`${base(schoolId)}/calls/ringing`)
}

export function startCall(schoolId: string, chatId: string, video: boolean, connectionId: string | null) {
  return api<JoinedCall>(callsOf(schoolId, chatId), { method: 'POST', body: { video, connectionId } })
}

export function joinCall(schoolId: string, chatId: string, callId: string, connectionId: string | null) {
  return api<JoinedCall>(`${callsOf(schoolId, chatId)}/${callId}/join`, { method: 'POST', body: { connectionId } })
}

export function declineCall(schoolId: string, chatId: string, callId: string) {
  return api<CallResponse>(`${callsOf(schoolId, chatId)}/${callId}/decline`, { method: 'POST' })
}

export function leaveCall(schoolId: string, chatId: string, callId: string, legId: string) {
  return api<CallResponse>(`${callsOf(schoolId, chatId)}/${callId}/leave`, { method: 'POST', body: { legId } })
}

export function getCall(schoolId: string, chatId: string, callId: string) {
  return api<CallResponse>(`${callsOf(schoolId, chatId)}/${callId}`)
}

/** An SDP offer or answer, or one ICE candidate, for the other side's tab in the call. */
export interface Signal {
  type: 'offer' | 'answer' | 'candidate'
  sdp?: string
  candidate?: string
  sdpMid?: string | null
  sdpMLineIndex?: number | null
}

export function sendSignal(schoolId: string, chatId: string, callId: string, legId: string, signal: Signal) {
  const body = {
    legId,
    type: signal.type,
    sdp: signal.sdp ?? null,
    candidate: signal.candidate ?? null,
    sdpMid: signal.sdpMid ?? null,
    sdpMLineIndex: signal.sdpMLineIndex ?? null,
  }
  return api<void>(`${callsOf(schoolId, chatId)}/${callId}/signal`, { method: 'POST', body })
}

/** Hangs up as the page goes away: a request that outlives the page (keepalive), nobody waiting for its answer. */
export function leaveAsPageCloses(schoolId: string, chatId: string, callId: string, legId: string) {
  fetch(`${callsOf(schoolId, chatId)}/${callId}/leave`, {
    method: 'POST',
    keepalive: true,
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', ...csrfHeaders() },
    body: JSON.stringify({ legId }),
  }).catch(() => undefined)
}
