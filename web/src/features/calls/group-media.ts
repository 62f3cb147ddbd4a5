import type { CallResponse } from '../../lib/api-types'
import { ApiError, problemKind, problemOf } from '../../lib/problem'
import * as group from './group-api'
import { featuredOf, joinedPeople, publishersKey } from './group-status'
import { chooseLayers, type Layer, layerChanges, maxVideoTiles } from './layers'
import { Publisher } from './publisher'
import { Receiver, type RemotePerson } from './receiver'
import { Trickle } from './trickle'

/** What the call screen shows of the media (a new object on every change). */
export interface MediaView {
  /** The sending connection's state ("new" before it exists). */
  link: RTCPeerConnectionState | 'new'
  /** Whom this tab receives, by account. */
  people: ReadonlyMap<string, RemotePerson>
  /** Whose video frames arrive now. */
  flowing: ReadonlySet<string>
  /** The layer asked of each received video; `send: false` ones are heard only. */
  layers: ReadonlyMap<string, Layer>
}

export const noMedia: MediaView = { link: 'new', people: new Map(), flowing: new Set(), layers: new Map() }

export interface MediaOwner {
  update(patch: Partial<MediaView>): void
  /** This tab's handles at the SFU are gone (served by another node now, or refused): join the call again. */
  rejoin(): void
}

/** Changes of the publishers within this long make one subscription (a class joining at the bell). */
const subscribeAfterMs = 300
/** Speakers and people changing within this long make one round of layer changes. */
const layersAfterMs = 600
const retryAfterMs = 2000
const maxLayerRetries = 3
/** My microphone, camera and screen switched within this long make one report. */
const reportAfterMs = 250

/** What the server holds until a tab says otherwise: microphone and camera on, no screen. */
const stateKey = (state: group.MediaState) => `${state.micOn}/${state.cameraOn}/${state.sharing}`

function isNarrow() {
  return typeof matchMedia === 'function' && matchMedia('(max-width: 700px)').matches
}

/**
 * One leg's media in a group call: the sending connection (published once, when the tab is let in), the receiving
 * one (a subscription to everyone who publishes, renewed when that set changes), and the layers asked of each video.
 * A new leg (joining again) gets a new GroupMedia.
 */
export class GroupMedia {
  private readonly api: group.MediaApi
  private readonly legId: string
  private readonly ice: RTCIceServer[]
  private readonly myId: string
  private readonly owner: MediaOwner
  private publisher: Publisher | null = null
  private receiver: Receiver | null = null
  private call: CallResponse | null = null
  private speakers: readonly string[] = []
  /** The publishers the subscription should carry, and those the one held carries. */
  private wanted = ''
  private held: string | null = null
  private subscribing = false
  private subscribeTimer: ReturnType<typeof setTimeout> | undefined
  private layersTimer: ReturnType<typeof setTimeout> | undefined
  private asked = new Map<string, Layer>()
  /** The server has no layer choice (404): the layers are still shown, not asked for. */
  private layersUnsupported = false
  private layerRetries = 0
  private reporting: group.MediaState | null = null
  private reported = stateKey({ micOn: true, cameraOn: true, sharing: false })
  private stateTimer: ReturnType<typeof setTimeout> | undefined
  private closed = false

  constructor(api: group.MediaApi, legId: string, ice: RTCIceServer[], myId: string, owner: MediaOwner) {
    this.api = api
    this.legId = legId
    this.ice = ice
    this.myId = myId
    this.owner = owner
  }

  /** Sends my microphone and `video` (the camera, the screen, or nothing). */
  async publish(stream: MediaStream | null, video: MediaStreamTrack | null) {
    if (this.publisher || this.closed) return
    const trickle = new Trickle((c) => this.api.candidate(this.legId, 'publisher', c))
    const publisher = new Publisher(this.ice, stream, video, {
      candidate: trickle.add,
      link: (link) => {
        if (this.publisher !== publisher) return
        this.owner.update({ link })
        if (link === 'failed') this.owner.rejoin()
      },
    })
    this.publisher = publisher
    try {
      const offer = await publisher.offer()
      const { sdp } = await this.api.publish(this.legId, offer)
      if (this.publisher !== publisher) return
      await publisher.accept(sdp)
      trickle.start()
    } catch (error) {
      if (this.publisher !== publisher) return
      // 403: no longer in the call; the call's next change says why (removed, ended).
      if (!(error instanceof ApiError && error.status === 403)) this.owner.rejoin()
    }
  }

  async setAudio(track: MediaStreamTrack | null) {
    await this.publisher?.setAudio(track)
  }

  async setVideo(track: MediaStreamTrack | null) {
    await this.publisher?.setVideo(track)
  }

  /** The call as the server last said it: a new subscription when the publishers changed, and new layers. */
  follow(call: CallResponse) {
    this.call = call
    this.wanted = publishersKey(call, this.myId)
    if (this.wanted !== this.held && !this.subscribing) {
      clearTimeout(this.subscribeTimer)
      this.subscribeTimer = setTimeout(() => void this.subscribe(), subscribeAfterMs)
    }
    this.scheduleLayers()
  }

  /** Who spoke, the latest first. */
  setSpeakers(speakers: readonly string[]) {
    this.speakers = speakers
    this.scheduleLayers()
  }

  private async subscribe() {
    if (this.closed || this.subscribing) return
    this.subscribing = true
    const key = this.wanted
    let retry = false
    try {
      if (!key) this.dropReceiver()
      else await this.receive()
      this.held = key
    } catch (error) {
      const problem = problemOf(error)
      const kind = problem ? problemKind(problem) : undefined
      if (kind === 'call-moved') this.owner.rejoin()
      // They stopped publishing as I asked: the call's next change will say who publishes.
      else if (kind === 'nobody-publishing') {
        this.dropReceiver()
        this.held = key
      }
      // 403: no longer in the call (the call's next change says why); anything else: the SFU may answer next time.
      else if (!(error instanceof ApiError && error.status === 403)) retry = true
    } finally {
      this.subscribing = false
    }
    if (this.closed) return
    if (retry) this.subscribeTimer = setTimeout(() => void this.subscribe(), retryAfterMs)
    else if (this.wanted !== this.held) this.subscribeTimer = setTimeout(() => void this.subscribe(), subscribeAfterMs)
  }

  private async receive() {
    const offer = await this.api.subscribe(this.legId, this.receiver === null)
    if (this.closed) return
    if (!offer.fresh && this.receiver) {
      // The same subscription with people added or gone: a renegotiation of the connection this tab already has.
      const current = this.receiver
      const sdp = await current.answer(offer.sdp, offer.streams)
      await this.api.answer(this.legId, sdp)
      this.asked = new Map()
      this.owner.update({ people: current.received })
      this.scheduleLayers(0)
      return
    }
    const trickle = new Trickle((c) => this.api.candidate(this.legId, 'subscriber', c))
    const receiver: Receiver = new Receiver(this.ice, {
      candidate: trickle.add,
      link: () => undefined,
      flowing: (flowing) => {
        if (this.receiver === receiver) this.owner.update({ flowing })
      },
    })
    this.dropReceiver()
    this.receiver = receiver
    const sdp = await receiver.answer(offer.sdp, offer.streams)
    await this.api.answer(this.legId, sdp)
    trickle.start()
    // A new subscription starts from the SFU's defaults (high, sent): ask again for every video.
    this.asked = new Map()
    this.owner.update({ people: receiver.received, flowing: new Set() })
    this.scheduleLayers(0)
  }

  private dropReceiver() {
    this.receiver?.close()
    this.receiver = null
    this.owner.update({ people: new Map(), flowing: new Set() })
  }

  private scheduleLayers(after = layersAfterMs) {
    clearTimeout(this.layersTimer)
    this.layersTimer = setTimeout(() => void this.applyLayers(), after)
  }

  private async applyLayers() {
    const { call, receiver } = this
    if (this.closed || !call || !receiver) return
    const received = receiver.received
    const people = joinedPeople(call)
      .map((p) => p.accountId)
      .filter((id) => received.get(id)?.videoMid)
    const lead = featuredOf(call)
    const featured = people.includes(lead) ? lead : null
    const layers = chooseLayers({ people, featured, speakers: this.speakers, maxVideo: maxVideoTiles(isNarrow()) })
    const changes = layerChanges(this.asked, layers)
    this.asked = layers
    this.owner.update({ layers })
    if (this.layersUnsupported) return
    const streams: group.StreamLayer[] = []
    for (const [accountId, layer] of changes) {
      const mid = received.get(accountId)?.videoMid
      if (mid) streams.push({ mid, substream: layer.send ? layer.substream : null, send: layer.send })
    }
    if (streams.length === 0) return
    try {
      // All of them in one request: a class's tiles change together when the speaker changes.
      await this.api.configure(this.legId, streams)
      this.layerRetries = 0
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 405)) this.layersUnsupported = true
      // The SFU may be between two offers of this subscription: asked again a little later (a few times in a row).
      else if (this.receiver === receiver) {
        this.asked = new Map()
        if (++this.layerRetries <= maxLayerRetries) this.scheduleLayers(retryAfterMs)
        else this.layerRetries = 0
      }
    }
  }

  /** What I send, for the others to see: sent a moment after it changes (a burst of switches is one report). */
  report(state: group.MediaState) {
    this.reporting = state
    clearTimeout(this.stateTimer)
    if (stateKey(state) !== this.reported) this.stateTimer = setTimeout(() => void this.sendState(), reportAfterMs)
  }

  private async sendState() {
    const state = this.reporting
    if (!state || this.closed || stateKey(state) === this.reported) return
    try {
      await this.api.state(this.legId, state)
      this.reported = stateKey(state)
    } catch {
      // Told again with the next change.
    }
  }

  close() {
    this.closed = true
    clearTimeout(this.subscribeTimer)
    clearTimeout(this.layersTimer)
    clearTimeout(this.stateTimer)
    this.publisher?.close()
    this.publisher = null
    this.receiver?.close()
    this.receiver = null
  }
}
