import type { CallEndReason, CallResponse, JoinedCall } from '../../lib/api-types'
import type { CallSignalEvent } from '../../lib/events'
import { hubConnectionId, onHubConnected, onHubEvent } from '../../lib/hub'
import { problemKind, problemOf } from '../../lib/problem'
import * as calls from './api'
import { LocalMedia, type LocalView, noLocalMedia } from './local-media'
import { MediaUnavailable } from './media'
import { Peer } from './peer'
import { startRing } from './ring'
import { type CallPhase, type Link, otherOf, phaseOf } from './status'
import { currentCall, setCurrentCall } from './store'
import type { CallKey } from './texts'

/** What the call screen shows; a new object on every change. */
export interface CallView extends LocalView {
  phase: CallPhase
  /** A video call (its kind: my camera may still be off or missing). */
  video: boolean
  /** This tab placed the call (and makes the offers). */
  caller: boolean
  peerName: string
  /** When this tab learnt the call was answered (its own clock): the timer counts from it. */
  answeredAt: number | null
  link: Link
  endReason: CallEndReason | null
  /** Why the call could not be placed or joined: the server's title, or a text of ours. */
  problem: { title?: string; key?: CallKey; kind?: string; callId?: string } | null
  remote: MediaStream | null
  remoteVideo: boolean
  /** The screen gives way to the app (the chat) while the call goes on. */
  minimized: boolean
}

export interface CallStart {
  schoolId: string
  chatId: string
  myId: string
  video: boolean
  peerName: string
}

/**
 * This tab's part in one direct call: its microphone and camera, its leg (the server's id for this tab in the call),
 * the peer connection, and the signalling. The caller's tab makes an offer each time the other person's tab joins;
 * the other tab answers. Signals for another leg (my other tabs) are ignored; "bye" means another of my tabs took
 * the call. The view is read by the call screen through `subscribe`/`getView`.
 */
export class CallSession {
  readonly kind = 'direct'
  /** Where the call is and who I am, as it was started. */
  readonly origin: CallStart
  private readonly schoolId: string
  private readonly chatId: string
  private readonly myId: string
  private view: CallView
  private readonly listeners = new Set<() => void>()
  private readonly cleanups: (() => void)[] = []
  private callId: string | null = null
  private legId: string | null = null
  /** The call as the server last told it. */
  private call: CallResponse | null = null
  private ice: RTCIceServer[] = []
  private peer: Peer | null = null
  /** My microphone and camera; the call screen's controls act on it directly. */
  readonly media: LocalMedia
  /** The other person's `joinedAt` my last offer went to. */
  private offeredTo: string | null | undefined
  /** Heard before this tab knew its leg: applied once it does. */
  private earlyCall: CallResponse | null = null
  private earlySignals: CallSignalEvent[] = []
  /** Candidates that came before the offer they belong to. */
  private earlyCandidates: RTCIceCandidateInit[] = []
  /** Signalling steps, one after another; outgoing signals, in order. */
  private steps: Promise<unknown> = Promise.resolve()
  private sending: Promise<unknown> = Promise.resolve()
  private stopTone: (() => void) | null = null
  private closeTimer: ReturnType<typeof setTimeout> | undefined
  private over = false
  private disposed = false

  constructor(start: CallStart, caller: boolean) {
    this.origin = start
    this.schoolId = start.schoolId
    this.chatId = start.chatId
    this.myId = start.myId
    this.view = {
      ...noLocalMedia,
      ...{ phase: 'preparing', video: start.video, caller, peerName: start.peerName, answeredAt: null, link: 'new' },
      ...{ endReason: null, problem: null, remote: null, remoteVideo: false, minimized: false },
    }
    this.media = new LocalMedia(
      (local) => this.update(local),
      async (kind, track) => this.peer?.replaceTrack(kind, track),
    )
    const pageHide = () => this.leaveAsPageCloses()
    window.addEventListener('pagehide', pageHide)
    this.cleanups.push(
      onHubEvent('CallChanged', (e) => this.heard(e.call)),
      onHubEvent('CallSignal', (e) => this.signalled(e)),
      // Back after losing the hub: the server has hung this tab up meanwhile, or the call ended; ask.
      onHubConnected(() => void this.refresh()),
      () => window.removeEventListener('pagehide', pageHide),
    )
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  getView = () => this.view

  /** Over for this tab (its screen may still say why). */
  get finished(): boolean {
    return this.over
  }

  private update(patch: Partial<CallView>) {
    this.view = { ...this.view, ...patch }
    this.listeners.forEach((listener) => listener())
    const ringback = this.view.caller && this.view.phase === 'calling'
    if (ringback && !this.stopTone) this.stopTone = startRing('ringback')
    if (!ringback) this.silence()
  }

  private silence() {
    this.stopTone?.()
    this.stopTone = null
  }

  async place() {
    if (!(await this.open(this.view.video))) return
    try {
      this.adopt(await calls.startCall(this.schoolId, this.chatId, this.view.video, hubConnectionId()))
    } catch (error) {
      this.refuse(error)
    }
  }

  async join(callId: string, withVideo: boolean) {
    this.callId = callId
    if (!(await this.open(withVideo))) return
    try {
      this.adopt(await calls.joinCall(this.schoolId, this.chatId, callId, hubConnectionId()))
    } catch (error) {
      this.refuse(error)
    }
  }

  private async open(video: boolean): Promise<boolean> {
    try {
      return await this.media.open(video, () => !this.over)
    } catch (error) {
      this.finish('refused', { problem: { key: error instanceof MediaUnavailable ? error.problem : 'mediaFailed' } })
      return false
    }
  }

  private adopt(joined: JoinedCall) {
    if (this.over) {
      // Hung up while the request ran.
      void calls.leaveCall(this.schoolId, this.chatId, joined.call.id, joined.legId).catch(() => undefined)
      return
    }
    this.callId = joined.call.id
    this.legId = joined.legId
    this.ice = calls.iceServersOf(joined)
    this.update({ caller: joined.call.startedBy === this.myId })
    this.heard(joined.call)
    const early = this.earlyCall
    this.earlyCall = null
    if (early) this.heard(early)
    const signals = this.earlySignals
    this.earlySignals = []
    signals.forEach((signal) => this.signalled(signal))
  }

  private heard(call: CallResponse) {
    if (this.over || call.chatId !== this.chatId || (this.callId !== null && call.id !== this.callId)) return
    if (!this.legId) {
      this.earlyCall = call
      return
    }
    if (call.endedAt !== null) {
      this.finish('ended', { endReason: call.endReason })
      return
    }
    this.call = call
    const other = otherOf(call, this.myId)
    if (this.view.caller && other?.state === 'Joined' && other.joinedAt !== this.offeredTo) {
      this.offeredTo = other.joinedAt
      this.step(() => this.offer())
    }
    this.update({
      phase: phaseOf(call, this.myId, this.view.link),
      peerName: other?.displayName ?? this.view.peerName,
      answeredAt: this.view.answeredAt ?? (call.answeredAt ? Date.now() : null),
    })
  }

  private signalled(signal: CallSignalEvent) {
    if (this.over || (this.callId !== null && signal.callId !== this.callId)) return
    if (!this.legId) {
      this.earlySignals.push(signal)
      return
    }
    if (signal.toLeg !== this.legId) return
    if (signal.type === 'bye') this.dispose()
    else this.step(() => this.handle(signal))
  }

  private step(work: () => Promise<void>) {
    this.steps = this.steps.then(work).catch(() => undefined)
  }

  private async handle(signal: CallSignalEvent) {
    if (this.over) return
    if (signal.type === 'offer' && signal.sdp && !this.view.caller) {
      const peer = this.newPeer()
      const sdp = await peer.answer(signal.sdp)
      if (peer === this.peer) this.send({ type: 'answer', sdp })
    } else if (signal.type === 'answer' && signal.sdp) {
      await this.peer?.accept(signal.sdp)
    } else if (signal.type === 'candidate' && signal.candidate) {
      const candidate = { candidate: signal.candidate, sdpMid: signal.sdpMid, sdpMLineIndex: signal.sdpMLineIndex }
      if (this.peer) this.peer.addCandidate(candidate)
      else this.earlyCandidates.push(candidate)
    }
  }

  private async offer() {
    if (this.over) return
    const peer = this.newPeer()
    const sdp = await peer.offer()
    if (peer === this.peer) this.send({ type: 'offer', sdp })
  }

  private newPeer(): Peer {
    this.peer?.close()
    const peer: Peer = new Peer(this.ice, this.media.stream, {
      candidate: (c) =>
        this.send({ type: 'candidate', candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex }),
      remote: (stream) => {
        if (this.peer === peer) this.update({ remote: stream, remoteVideo: stream.getVideoTracks().length > 0 })
      },
      link: (link) => {
        if (this.peer === peer && !this.over)
          this.update({ link, phase: this.call ? phaseOf(this.call, this.myId, link) : this.view.phase })
      },
    })
    this.peer = peer
    // The answerer's early candidates belong to the offer this peer answers; the offerer's would be stale.
    if (!this.view.caller) this.earlyCandidates.forEach((c) => peer.addCandidate(c))
    this.earlyCandidates = []
    this.update({ remote: null, remoteVideo: false, link: 'new' })
    return peer
  }

  private send(signal: calls.Signal) {
    const { callId, legId } = this
    if (!callId || !legId) return
    this.sending = this.sending
      .then(() => calls.sendSignal(this.schoolId, this.chatId, callId, legId, signal))
      .catch(() => undefined)
  }

  private async refresh() {
    if (!this.callId || !this.legId || this.over) return
    try {
      this.heard(await calls.getCall(this.schoolId, this.chatId, this.callId))
    } catch {
      // Asked again after the next reconnection.
    }
  }

  private refuse(error: unknown) {
    const problem = problemOf(error)
    const callId = problem?.extensions.callId
    this.finish('refused', {
      problem: problem
        ? { title: problem.title, kind: problemKind(problem), callId: typeof callId === 'string' ? callId : undefined }
        : {},
    })
  }

  /** The call is over for this tab: media off, the screen says why and closes by itself a little later. */
  private finish(phase: 'ended' | 'refused', patch: Partial<CallView>) {
    if (this.over) return
    this.over = true
    this.release()
    // Hung up while the chat was shown: nothing to read on a screen that is not there.
    if (this.view.minimized && patch.endReason === 'Ended') return this.dispose()
    this.update({ ...patch, phase, remote: null, remoteVideo: false, minimized: false })
    if (phase === 'ended') this.closeTimer = setTimeout(() => this.dispose(), patch.endReason === 'Ended' ? 2500 : 4000)
  }

  private release() {
    this.silence()
    this.peer?.close()
    this.peer = null
    this.media.stop()
  }

  setMinimized = (minimized: boolean) => this.update({ minimized })

  hangUp = () => {
    const { callId, legId } = this
    if (callId && legId && !this.over)
      void calls.leaveCall(this.schoolId, this.chatId, callId, legId).catch(() => undefined)
    this.finish('ended', { endReason: 'Ended' })
  }

  private leaveAsPageCloses() {
    if (this.callId && this.legId && !this.over)
      calls.leaveAsPageCloses(this.schoolId, this.chatId, this.callId, this.legId)
  }

  /** Closes the screen and lets go of everything (also when another of my tabs took the call). */
  dispose = () => {
    if (this.disposed) return
    this.disposed = true
    this.over = true
    clearTimeout(this.closeTimer)
    this.release()
    this.cleanups.forEach((cleanup) => cleanup())
    if (currentCall() === this) setCurrentCall(null)
  }
}

/** Calls the other person of a personal chat from this tab; the call screen opens at once and tells how it goes. */
export function placeCall(start: CallStart) {
  if (currentCall()) return
  const session = new CallSession(start, true)
  setCurrentCall(session)
  void session.place()
}

/** Answers a call ringing here, or joins one in progress, from this tab (a call screen that has ended gives way). */
export function answerCall(start: CallStart & { callId: string; withVideo: boolean }) {
  const existing = currentCall()
  if (existing && !existing.finished) return
  existing?.dispose()
  const session = new CallSession(start, false)
  setCurrentCall(session)
  void session.join(start.callId, start.withVideo)
}
