import type { Link } from './status'

export interface PeerEvents {
  /** A local ICE candidate to trickle to the other side. */
  candidate: (candidate: RTCIceCandidateInit) => void
  /** The media from the other side (called again as tracks are added). */
  remote: (stream: MediaStream) => void
  link: (link: Link) => void
}

/**
 * One RTCPeerConnection between this tab and the other side's tab in the call. A new one is made for each offer:
 * when the other person moves the call to another tab, that tab's DTLS identity is new and the old connection
 * cannot be renegotiated to it. Candidates that arrive before the remote description wait for it.
 */
export class Peer {
  private readonly connection: RTCPeerConnection
  private readonly local: MediaStream | null
  private queued: RTCIceCandidateInit[] = []
  private remote: MediaStream | null = null

  constructor(iceServers: RTCIceServer[], local: MediaStream | null, events: PeerEvents) {
    const connection = new RTCPeerConnection({ iceServers })
    this.connection = connection
    this.local = local
    connection.onicecandidate = (e) => {
      // The end of gathering (null, or an empty candidate) is not sent: the other side manages without it.
      if (e.candidate?.candidate) events.candidate(e.candidate.toJSON())
    }
    connection.ontrack = (e) => {
      this.remote ??= e.streams[0] ?? new MediaStream()
      if (!this.remote.getTracks().includes(e.track)) this.remote.addTrack(e.track)
      events.remote(this.remote)
    }
    connection.onconnectionstatechange = () => events.link(connection.connectionState)
  }

  /** Sends my microphone and camera. The answerer adds them after the offer, so they go on its m-lines. */
  private addLocal() {
    const local = this.local
    if (!local) return
    const senders = this.connection.getSenders()
    for (const track of local.getTracks())
      if (!senders.some((s) => s.track === track)) this.connection.addTrack(track, local)
  }

  async offer(): Promise<string> {
    this.addLocal()
    await this.connection.setLocalDescription(await this.connection.createOffer())
    return this.connection.localDescription?.sdp ?? ''
  }

  async answer(offer: string): Promise<string> {
    await this.connection.setRemoteDescription({ type: 'offer', sdp: offer })
    this.addLocal()
    await this.flush()
    await this.connection.setLocalDescription(await this.connection.createAnswer())
    return this.connection.localDescription?.sdp ?? ''
  }

  /** The answer to my offer (ignored unless an offer of this connection is waiting for it). */
  async accept(answer: string) {
    if (this.connection.signalingState !== 'have-local-offer') return
    await this.connection.setRemoteDescription({ type: 'answer', sdp: answer })
    await this.flush()
  }

  addCandidate(candidate: RTCIceCandidateInit) {
    if (!this.connection.remoteDescription) this.queued.push(candidate)
    // A candidate meant for an earlier connection fails here, harmlessly.
    else this.connection.addIceCandidate(candidate).catch(() => undefined)
  }

  private async flush() {
    const queued = this.queued
    this.queued = []
    for (const candidate of queued) await this.connection.addIceCandidate(candidate).catch(() => undefined)
  }

  /** Sends another microphone's or camera's track instead of the current one, without renegotiating. */
  async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack) {
    const sender = this.connection.getSenders().find((s) => s.track?.kind === kind)
    await sender?.replaceTrack(track)
  }

  close() {
    this.connection.onicecandidate = null
    this.connection.ontrack = null
    this.connection.onconnectionstatechange = null
    this.connection.close()
  }
}
