import type { CallResponse, GuestCall, GuestJoined } from '../../lib/api-types'
import { ApiError } from '../../lib/problem'
import { GroupMedia, noMedia } from './group-media'
import { type GroupView, initialView, type Layout } from './group-view'
import { mediaStateOf, participantOf } from './group-status'
import { GuestLinkApi } from './guest-api'
import { Sending } from './sending'

/** A guest's page asks how the call goes this often (it has no hub connection); the server lets go of a guest whose
 * page stopped asking for 30 s. */
export const guestPollMs = 3000

/**
 * The call as the member's screen would see it, from what a guest learns: their own state always; who started it and
 * who is in it only once let in. The tiles and the media follow this, as they follow a member's CallChanged.
 */
export function guestCallOf(state: GuestCall, myId: string): CallResponse {
  const me = participantOf({ participants: state.participants } as CallResponse, myId)
  return {
    id: '',
    chatId: '',
    kind: 'Group',
    video: state.video,
    startedBy: state.startedBy ?? '',
    startedAt: '',
    ringUntil: null,
    answeredAt: null,
    endedAt: state.ended ? 'ended' : null,
    endReason: null,
    participants: me
      ? state.participants
      : [
          ...state.participants,
          {
            accountId: myId,
            displayName: '',
            state: state.state,
            joinedAt: null,
            publishing: false,
            mutedByHost: false,
            cameraOffByHost: false,
            handRaisedAt: null,
            guest: true,
            micOff: false,
            cameraOff: false,
            sharingSince: null,
          },
        ],
    locked: false,
    micsLocked: false,
    waitingRoom: true,
  }
}

/** A guest's phase from their state: waiting until let in, then in the call (the media says when it is active). */
export function guestPhase(state: GuestCall, current: GroupView['phase']): GroupView['phase'] {
  if (state.ended) return 'ended'
  switch (state.state) {
    case 'Waiting':
      return 'waiting'
    case 'Joined':
      return current === 'active' ? 'active' : 'connecting'
    case 'Removed':
      return current === 'waiting' || current === 'joining' ? 'denied' : 'removed'
    default:
      // Left: the server let go of this page (it went quiet too long), or it declined.
      return 'refused'
  }
}

/**
 * A guest's part in a group call: no account, no hub. The page asks `/state` every few seconds; once let in, one
 * leg's media goes through the guest's link (GroupMedia with the guest's MediaApi), as a member's does through the
 * chat. A host may mute the guest's microphone or camera (then it is off here too, until a host allows it again).
 */
export class GuestSession {
  readonly sending: Sending
  readonly name: string
  readonly myId: string
  private readonly link: GuestLinkApi
  private readonly legId: string
  private readonly ice: RTCIceServer[]
  private view: GroupView = { ...initialView, phase: 'waiting' }
  private readonly listeners = new Set<() => void>()
  private media: GroupMedia | null = null
  private timer: ReturnType<typeof setTimeout> | undefined
  private over = false
  /** The guest left by their own hand (rather than the call ending or a host's decision). */
  leftByMe = false
  private readonly pageHide = () => this.leaveAsPageCloses()

  constructor(token: string, joined: GuestJoined, name: string, stream: MediaStream | null) {
    this.link = new GuestLinkApi(token, joined.guestKey)
    this.legId = joined.legId
    this.myId = joined.id
    this.name = name
    this.ice = joined.iceServers.map((s) => ({
      urls: s.urls,
      username: s.username ?? undefined,
      credential: s.credential ?? undefined,
    }))
    this.sending = new Sending((patch) => this.update(patch))
    if (stream) this.sending.local.adopt(stream)
    window.addEventListener('pagehide', this.pageHide)
    void this.poll()
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  getView = () => this.view

  private update(patch: Partial<GroupView>) {
    this.view = { ...this.view, ...patch }
    if (this.view.phase === 'connecting' || this.view.phase === 'active') this.media?.report(mediaStateOf(this.view))
    this.listeners.forEach((listener) => listener())
  }

  private async poll() {
    if (this.over) return
    try {
      this.heard(await this.link.state())
    } catch (error) {
      // The key no longer opens anything: this page was let go. A lost connection is asked again.
      if (error instanceof ApiError && error.status === 404) return this.finish('refused', { problem: { key: 'lost' } })
    }
    if (!this.over) this.timer = setTimeout(() => void this.poll(), guestPollMs)
  }

  private heard(state: GuestCall) {
    if (this.over) return
    const phase = guestPhase(state, this.view.phase)
    if (phase === 'ended' || phase === 'removed' || phase === 'denied') return this.finish(phase)
    if (phase === 'refused') return this.finish('refused', { problem: { key: 'lost' } })
    const call = guestCallOf(state, this.myId)
    this.update({ call, phase })
    if (phase === 'waiting') return
    const me = participantOf(call, this.myId)
    if (me?.mutedByHost && this.sending.micOn) this.sending.setMic(false)
    if (me?.cameraOffByHost && this.sending.cameraOn) this.sending.setCamera(false)
    const media = this.media ?? this.connect()
    void media.publish(this.sending.stream, this.sending.video())
    media.follow(call)
  }

  private connect(): GroupMedia {
    const media: GroupMedia = new GroupMedia(this.link.media, this.legId, this.ice, this.myId, {
      update: (patch) => {
        if (this.media !== media || this.over) return
        const up = patch.link === 'connected' && this.view.phase === 'connecting'
        this.update(up ? { ...patch, phase: 'active' } : patch)
      },
      // A guest has one leg: when the SFU loses it, the page joins again from the start.
      rejoin: () => {
        if (this.media === media) this.finish('refused', { problem: { key: 'lost' } })
      },
    })
    this.media = media
    this.sending.use(media)
    return media
  }

  toggleMic = () => {
    const on = !this.sending.micOn
    if (on && participantOf(this.view.call ?? guestless, this.myId)?.mutedByHost)
      return this.update({ notice: { key: 'mutedByHost' } })
    this.update({ notice: null })
    this.sending.setMic(on)
  }

  toggleCamera = () => {
    const on = !this.sending.cameraOn
    if (on && participantOf(this.view.call ?? guestless, this.myId)?.cameraOffByHost)
      return this.update({ notice: { key: 'cameraOffByHost' } })
    this.update({ notice: null })
    this.sending.setCamera(on)
  }

  setLayout = (layout: Layout) => this.update({ layout })

  private finish(phase: 'ended' | 'removed' | 'denied' | 'refused', patch: Partial<GroupView> = {}) {
    if (this.over) return
    this.release()
    this.update({ ...patch, ...noMedia, phase, notice: null })
  }

  private release() {
    this.over = true
    clearTimeout(this.timer)
    window.removeEventListener('pagehide', this.pageHide)
    this.media?.close()
    this.media = null
    this.sending.stop()
  }

  /** I leave: the call goes on for the others. */
  leave = () => {
    if (this.over) return
    this.leftByMe = true
    void this.link.leave().catch(() => undefined)
    this.finish('ended', { problem: null })
  }

  private leaveAsPageCloses() {
    if (!this.over) this.link.leaveAsPageCloses()
  }

  dispose = () => {
    if (!this.over) void this.link.leave().catch(() => undefined)
    this.release()
  }
}

const guestless = { participants: [] } as unknown as CallResponse
