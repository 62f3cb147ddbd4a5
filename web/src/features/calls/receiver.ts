import type { SubscribedStream } from '../../lib/api-types'

// What this tab receives in a group call: one RTCPeerConnection from the SFU carrying everyone who publishes, each
// person's audio and video on transceivers whose mids the subscription names. When people come or go the SFU updates
// the same subscription and its offer renegotiates this connection (answer() again); only a fresh subscription (the
// first, or after the tab had none) gets a connection of its own.

/** One person as this tab receives them. */
export interface RemotePerson {
  accountId: string
  /** Their audio and video together (the tile's video element is muted; the sound plays through an audio element). */
  stream: MediaStream
  audio: MediaStreamTrack | null
  video: MediaStreamTrack | null
  videoMid: string | null
}

export interface ReceiverEvents {
  candidate: (candidate: RTCIceCandidate | null) => void
  link: (state: RTCPeerConnectionState) => void
  /** Whose video frames are arriving now (checked every second): the others show their initials. */
  flowing: (accountIds: ReadonlySet<string>) => void
}

/** How often decoded frames are counted, and for how many checks without a new frame a video counts as stopped. */
const checkEveryMs = 1000
const stoppedAfterChecks = 2

export class Receiver {
  private readonly connection: RTCPeerConnection
  private readonly events: ReceiverEvents
  private people = new Map<string, RemotePerson>()
  private readonly frames = new Map<string, { count: number; still: number }>()
  private flowingNow = new Set<string>()
  private readonly timer: ReturnType<typeof setInterval>

  constructor(iceServers: RTCIceServer[], events: ReceiverEvents) {
    const connection = new RTCPeerConnection({ iceServers, bundlePolicy: 'max-bundle' })
    this.connection = connection
    this.events = events
    connection.onicecandidate = (e) => events.candidate(e.candidate)
    connection.onconnectionstatechange = () => events.link(connection.connectionState)
    this.timer = setInterval(() => void this.countFrames(), checkEveryMs)
  }

  /** Takes the SFU's offer and answers it; then `people` says whose media each track is. */
  async answer(offer: string, streams: readonly SubscribedStream[]): Promise<string> {
    await this.connection.setRemoteDescription({ type: 'offer', sdp: offer })
    const people = new Map<string, RemotePerson>()
    for (const transceiver of this.connection.getTransceivers()) {
      const stream = streams.find((s) => s.mid === transceiver.mid)
      if (!stream) continue
      transceiver.direction = 'recvonly'
      const person = people.get(stream.accountId) ?? {
        accountId: stream.accountId,
        stream: new MediaStream(),
        audio: null,
        video: null,
        videoMid: null,
      }
      const track = transceiver.receiver.track
      person.stream.addTrack(track)
      if (track.kind === 'audio') person.audio = track
      else {
        person.video = track
        person.videoMid = transceiver.mid
      }
      people.set(stream.accountId, person)
    }
    this.people = people
    await this.connection.setLocalDescription(await this.connection.createAnswer())
    return this.connection.localDescription?.sdp ?? ''
  }

  get received(): ReadonlyMap<string, RemotePerson> {
    return this.people
  }

  private async countFrames() {
    if (this.connection.connectionState === 'closed') return
    let report: RTCStatsReport
    try {
      report = await this.connection.getStats()
    } catch {
      return
    }
    const byTrack = new Map<string, number>()
    report.forEach((r: { type: string; kind?: string; trackIdentifier?: string; framesDecoded?: number }) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video' && r.trackIdentifier)
        byTrack.set(r.trackIdentifier, r.framesDecoded ?? 0)
    })
    const flowing = new Set<string>()
    for (const person of this.people.values()) {
      if (!person.video) continue
      const count = byTrack.get(person.video.id) ?? 0
      const before = this.frames.get(person.accountId) ?? { count: 0, still: stoppedAfterChecks }
      const still = count > before.count ? 0 : before.still + 1
      this.frames.set(person.accountId, { count, still })
      if (still < stoppedAfterChecks) flowing.add(person.accountId)
    }
    const changed = flowing.size !== this.flowingNow.size || [...flowing].some((id) => !this.flowingNow.has(id))
    this.flowingNow = flowing
    if (changed) this.events.flowing(flowing)
  }

  close() {
    clearInterval(this.timer)
    this.connection.onicecandidate = null
    this.connection.onconnectionstatechange = null
    this.connection.close()
  }
}
