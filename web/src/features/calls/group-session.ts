import type { CallParticipant, CallResponse, JoinedCall } from '../../lib/api-types'
import type { CallSignalEvent, CallSpeakingEvent } from '../../lib/events'
import { hubConnectionId, onHubConnected, onHubEvent } from '../../lib/hub'
import { problemKind, problemOf } from '../../lib/problem'
import * as calls from './api'
import * as group from './group-api'
import { GroupMedia, noMedia } from './group-media'
import * as guests from './guest-api'
import { isHost, mediaStateOf, participantOf, phaseFromCall, speakersAfter } from './group-status'
import { hostActions } from './host-actions'
import { type GroupStart, type GroupView, initialView, type Layout } from './group-view'
import { Sending } from './sending'
import { currentCall, setCurrentCall } from './store'

export type { GroupStart, GroupView, Layout } from './group-view'

/** Joining again after the SFU lost this tab's media, this many times in a row at most. */
const maxRejoins = 3

/**
 * This tab's part in a group call: joining (or starting it), the waiting room, its leg and media (GroupMedia), what
 * hosts do to me (muting my microphone or camera), my controls, and the host's actions. Events about the call come as
 * CallChanged (the whole call: whose state, who publishes, hands), CallSpeaking, and CallSignal for my leg ("bye":
 * another tab of mine took the call; "removed").
 */
export class GroupSession {
  readonly kind = 'group'
  readonly origin: GroupStart
  /** My microphone, camera and screen. */
  readonly sending: Sending
  /** A host's actions (the server decides whether I am one). */
  readonly hosting = hostActions(
    () => this.ref,
    (request) => this.act(request),
  )
  private view: GroupView = initialView
  private readonly listeners = new Set<() => void>()
  private readonly cleanups: (() => void)[] = []
  private callId: string | null
  private legId: string | null = null
  /** My `joinedAt` as my join set it: events about an earlier join, or another tab's, are not about this tab. */
  private joinedAt: string | null = null
  private link: GroupMedia | null = null
  private earlyCall: CallResponse | null = null
  private rejoins = 0
  private rejoining = false
  private closeTimer: ReturnType<typeof setTimeout> | undefined
  private over = false
  private disposed = false

  constructor(start: GroupStart) {
    this.origin = start
    this.callId = start.callId
    this.sending = new Sending((patch) => this.update(patch))
    if (start.stream) this.sending.local.adopt(start.stream)
    const pageHide = () => this.leaveAsPageCloses()
    window.addEventListener('pagehide', pageHide)
    this.cleanups.push(
      onHubEvent('CallChanged', (e) => this.heard(e.call)),
      onHubEvent('CallSignal', (e) => this.signalled(e)),
      onHubEvent('CallSpeaking', (e) => this.spoke(e)),
      // Back after losing the hub: the server has hung this tab up meanwhile (then it joins again), or the call ended.
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

  get finished(): boolean {
    return this.over
  }

  /** The call this tab is in (or is joining). */
  get currentCallId(): string | null {
    return this.callId
  }

  private update(patch: Partial<GroupView>) {
    this.view = { ...this.view, ...patch }
    // Once in, what I send is told to the others (the server holds it until it changes).
    if (this.view.phase === 'connecting' || this.view.phase === 'active') this.link?.report(mediaStateOf(this.view))
    this.listeners.forEach((listener) => listener())
  }

  private get ref(): group.CallRef | null {
    return this.callId ? { schoolId: this.origin.schoolId, chatId: this.origin.chatId, callId: this.callId } : null
  }

  private me(): CallParticipant | undefined {
    return this.view.call ? participantOf(this.view.call, this.origin.myId) : undefined
  }

  async begin(): Promise<void> {
    const { schoolId, chatId } = this.origin
    try {
      const joined = this.callId
        ? await calls.joinCall(schoolId, chatId, this.callId, hubConnectionId())
        : await calls.startCall(schoolId, chatId, true, hubConnectionId())
      this.adopt(joined)
    } catch (error) {
      const problem = problemOf(error)
      const existing = problem?.extensions.callId
      // Someone started one a moment before: join theirs.
      if (!this.callId && problem && problemKind(problem) === 'call-in-progress' && typeof existing === 'string') {
        this.callId = existing
        return this.begin()
      }
      this.refuse(error)
    }
  }

  private adopt(joined: JoinedCall) {
    const { schoolId, chatId, myId, hint } = this.origin
    if (this.over) {
      // Left while the request ran.
      void calls.leaveCall(schoolId, chatId, joined.call.id, joined.legId).catch(() => undefined)
      return
    }
    this.callId = joined.call.id
    this.legId = joined.legId
    this.joinedAt = participantOf(joined.call, myId)?.joinedAt ?? null
    const ice = calls.iceServersOf(joined)
    const link: GroupMedia = new GroupMedia(
      group.memberMedia({ schoolId, chatId, callId: joined.call.id }),
      joined.legId,
      ice,
      myId,
      {
        update: (patch) => {
          if (this.link !== link || this.over) return
          const up = patch.link === 'connected' && this.view.phase === 'connecting'
          if (up) this.rejoins = 0
          this.update(up ? { ...patch, phase: 'active' } : patch)
        },
        rejoin: () => {
          if (this.link === link) void this.rejoin()
        },
      },
    )
    this.link = link
    this.sending.use(link)
    this.update({ host: isHost(joined.call, myId, hint) })
    this.heard(joined.call)
    const early = this.earlyCall
    this.earlyCall = null
    if (early) this.heard(early)
  }

  private heard(call: CallResponse) {
    if (this.over || call.chatId !== this.origin.chatId || (this.callId !== null && call.id !== this.callId)) return
    if (!this.legId) {
      this.earlyCall = call
      return
    }
    if (call.endedAt !== null) return this.finish('ended')
    const me = participantOf(call, this.origin.myId)
    if (!me || me.joinedAt !== this.joinedAt) return
    const phase = phaseFromCall(call, this.origin.myId, this.view.phase)
    if (phase === 'removed' || phase === 'denied') return this.finish(phase)
    // The server hung this tab up (its hub connection dropped): join again.
    if (me.state === 'Left') return void this.rejoin()
    this.update({ call, phase })
    if (me.state !== 'Joined') return
    this.followHost(me)
    void this.link?.publish(this.sending.stream, this.sending.video())
    this.link?.follow(call)
  }

  /** A host switched my microphone or camera off for everyone: off here too, so nobody thinks they are heard. */
  private followHost(me: CallParticipant) {
    if (me.mutedByHost && this.sending.micOn) this.sending.setMic(false)
    if (me.cameraOffByHost && this.sending.cameraOn) this.sending.setCamera(false)
  }

  private signalled(signal: CallSignalEvent) {
    if (this.over || signal.callId !== this.callId || !this.legId || signal.toLeg !== this.legId) return
    if (signal.type === 'bye') this.dispose()
    else if (signal.type === 'removed') this.finish('removed')
  }

  private spoke(e: CallSpeakingEvent) {
    if (this.over || e.callId !== this.callId) return
    const talking = new Set(this.view.talking)
    if (e.talking) talking.add(e.accountId)
    else talking.delete(e.accountId)
    const speakers = speakersAfter(this.view.speakers, e.accountId, e.talking)
    this.update({ talking, speakers })
    this.link?.setSpeakers(speakers)
  }

  private async refresh() {
    if (!this.callId || !this.legId || this.over) return
    try {
      this.heard(await calls.getCall(this.origin.schoolId, this.origin.chatId, this.callId))
    } catch {
      // Asked again after the next reconnection.
    }
  }

  private async rejoin() {
    if (this.over || this.rejoining || !this.callId) return
    if (++this.rejoins > maxRejoins) return this.finish('refused', { problem: { key: 'lost' } })
    this.rejoining = true
    this.link?.close()
    this.link = null
    this.sending.use(null)
    this.legId = null
    this.update({ ...noMedia, phase: 'connecting' })
    try {
      this.adopt(await calls.joinCall(this.origin.schoolId, this.origin.chatId, this.callId, hubConnectionId()))
    } catch (error) {
      this.refuse(error)
    } finally {
      this.rejoining = false
    }
  }

  /** My microphone on or off; back on after a host muted it asks the server first (refused while they lock it). */
  toggleMic = async () => {
    const on = !this.sending.micOn
    const ref = this.ref
    if (on && this.me()?.mutedByHost && ref && this.legId) {
      const legId = this.legId
      if (!(await this.act(() => group.unmute(ref, legId)))) return
    }
    this.sending.setMic(on)
  }

  /** My camera on or off: off sends no picture at all. */
  toggleCamera = () => {
    const on = !this.sending.cameraOn
    if (on && this.me()?.cameraOffByHost) return this.update({ notice: { key: 'cameraOffByHost' } })
    this.sending.setCamera(on)
  }

  toggleHand = () => {
    const ref = this.ref
    const legId = this.legId
    if (!ref || !legId) return
    const raised = this.me()?.handRaisedAt != null
    void this.act(() => group.raiseHand(ref, legId, !raised))
  }

  /** A host turns the guest link on (a new address each time) or off; answers whether the server agreed. */
  setGuestLink = async (on: boolean): Promise<boolean> => {
    const ref = this.ref
    if (!ref) return false
    try {
      const guestLink = on ? (await guests.turnGuestLinkOn(ref)).url : null
      if (!on) await guests.turnGuestLinkOff(ref)
      this.update({ guestLink, notice: null })
      return true
    } catch (error) {
      this.update({ notice: { title: problemOf(error)?.title } })
      return false
    }
  }

  setMinimized = (minimized: boolean) => this.update({ minimized })

  setLayout = (layout: Layout) => this.update({ layout })

  /** A request that answers with the call: taken as news of it; a refusal's title is shown. */
  private async act(request: () => Promise<CallResponse>): Promise<boolean> {
    try {
      const call = await request()
      this.update({ notice: null })
      this.heard(call)
      return true
    } catch (error) {
      this.update({ notice: { title: problemOf(error)?.title } })
      return false
    }
  }

  private refuse(error: unknown) {
    const problem = problemOf(error)
    this.finish('refused', { problem: problem ? { title: problem.title } : { key: 'notJoined' } })
  }

  /** Over for this tab: media off; the screen says why (an ended call closes by itself a little later). */
  private finish(phase: 'ended' | 'removed' | 'denied' | 'refused', patch: Partial<GroupView> = {}) {
    if (this.over) return
    this.over = true
    this.release()
    if (phase === 'ended' && this.view.minimized) return this.dispose()
    this.update({ ...patch, ...noMedia, phase, minimized: false, notice: null })
    if (phase === 'ended') this.closeTimer = setTimeout(() => this.dispose(), 2500)
  }

  private release() {
    this.link?.close()
    this.link = null
    this.sending.stop()
  }

  /** I leave; the call goes on for the others (it ends when the last one leaves). */
  leave = () => {
    const { callId, legId } = this
    if (callId && legId && !this.over)
      void calls.leaveCall(this.origin.schoolId, this.origin.chatId, callId, legId).catch(() => undefined)
    this.dispose()
  }

  private leaveAsPageCloses() {
    if (this.callId && this.legId && !this.over)
      calls.leaveAsPageCloses(this.origin.schoolId, this.origin.chatId, this.callId, this.legId)
  }

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
