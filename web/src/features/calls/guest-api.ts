import type { GuestCall, GuestCallInfo, GuestJoined, GuestLink } from '../../lib/api-types'
import { api } from '../../lib/http'
import type { CallRef, MediaApi } from './group-api'
import { base } from '../../lib/chat-api'

// Guests in a group call (src/Server/Calls/GuestCallsApi.cs): people without an account, through a link a host turns
// on for one call. The guest's key (from joining) goes in a header of its own on every request after that, never in a
// cookie: it opens this one call and nothing else.

const linkOf = (token: string) => `/api/v1/guest-calls/${encodeURIComponent(token)}`

/** Whether the link leads to a call going on (404 when it is off, expired or made up). */
export function guestCallInfo(token: string) {
  return api<GuestCallInfo>(linkOf(token))
}

export function joinAsGuest(token: string, name: string) {
  return api<GuestJoined>(`${linkOf(token)}/join`, { method: 'POST', body: { name } })
}

/** A joined guest's requests: their key, for this call only. */
export class GuestLinkApi {
  private readonly path: string
  private readonly headers: Record<string, string>

  constructor(token: string, key: string) {
    this.path = linkOf(token)
    this.headers = { 'X-Guest-Key': key }
  }

  state() {
    return api<GuestCall>(`${this.path}/state`, { headers: this.headers })
  }

  leave() {
    return api<void>(`${this.path}/leave`, { method: 'POST', headers: this.headers })
  }

  /** The same request as the page closes: it must outlive the page, so `keepalive`. */
  leaveAsPageCloses() {
    // No cookie goes with it (a guest needs none), so no anti-forgery check applies either.
    void fetch(`${this.path}/leave`, {
      method: 'POST',
      headers: this.headers,
      keepalive: true,
      credentials: 'omit',
    }).catch(() => undefined)
  }

  readonly media: MediaApi = {
    publish: (legId, sdp) => this.post(`/media/publish`, { legId, sdp }),
    subscribe: (legId, fresh) => this.post(`/media/subscribe`, { legId, fresh }),
    answer: (legId, sdp) => this.post(`/media/answer`, { legId, sdp }),
    candidate: (legId, target, c) => this.post(`/media/candidate`, { legId, target, ...c }),
    configure: (legId, streams) => this.post(`/media/configure`, { legId, streams }),
    state: (legId, state) => this.post(`/media/state`, { legId, ...state }),
  }

  private post<T>(path: string, body: unknown) {
    return api<T>(`${this.path}${path}`, { method: 'POST', body, headers: this.headers })
  }
}

const guestLinkOf = (ref: CallRef) => `${base(ref.schoolId)}/chats/${ref.chatId}/calls/${ref.callId}/guest-link`

/** A host turns the guest link on: the address is shown this once (a new one each time). */
export function turnGuestLinkOn(ref: CallRef) {
  return api<GuestLink>(guestLinkOf(ref), { method: 'POST' })
}

export function turnGuestLinkOff(ref: CallRef) {
  return api<void>(guestLinkOf(ref), { method: 'DELETE' })
}
