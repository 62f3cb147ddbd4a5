import type { Candidate } from './group-api'

/**
 * One connection's ICE candidates on their way to the SFU, in order. They wait until the SDP exchange that makes
 * them meaningful is done (the server has no handle for the connection before that), then go one after another;
 * `null` (the end of gathering) goes last like any other.
 */
export class Trickle {
  private waiting: Candidate[] = []
  private open = false
  private sending: Promise<unknown> = Promise.resolve()
  private readonly send: (candidate: Candidate) => Promise<unknown>

  constructor(send: (candidate: Candidate) => Promise<unknown>) {
    this.send = send
  }

  /** From RTCPeerConnection's icecandidate event (null: gathering is complete). */
  add = (candidate: RTCIceCandidate | null) => {
    // Chrome also reports an empty candidate at the end of each section: the final null says it for all of them.
    if (candidate && !candidate.candidate) return
    const c: Candidate = candidate
      ? { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex }
      : { candidate: null, sdpMid: null, sdpMLineIndex: null }
    if (this.open) this.push(c)
    else this.waiting.push(c)
  }

  /** The SDP exchange is done: what waited goes now, the rest as it comes. */
  start() {
    this.open = true
    const waiting = this.waiting
    this.waiting = []
    waiting.forEach((c) => this.push(c))
  }

  private push(c: Candidate) {
    // A candidate the server refuses (the connection was replaced meanwhile) is of no use to retry.
    this.sending = this.sending.then(() => this.send(c)).catch(() => undefined)
  }
}
