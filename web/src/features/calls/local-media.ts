import { type Devices, deviceOf, listDevices, openMedia, openTrack, stopTracks } from './media'

/** What the call screen shows of my own media. */
export interface LocalView {
  /** My microphone and camera (a new object when the tracks change), null before they are on and after the call. */
  local: MediaStream | null
  hasCamera: boolean
  micOn: boolean
  cameraOn: boolean
  devices: Devices
  micId: string | null
  cameraId: string | null
}

export const noLocalMedia: LocalView = {
  local: null,
  hasCamera: false,
  micOn: true,
  cameraOn: true,
  devices: { audio: [], video: [] },
  micId: null,
  cameraId: null,
}

/**
 * My microphone and camera during a call: turning them on, muting, choosing others. The call sends `stream`'s
 * tracks; a chosen device's track replaces the one being sent (`replace`) without a new offer.
 */
export class LocalMedia {
  stream: MediaStream | null = null
  private view = noLocalMedia
  private readonly changed: (view: LocalView) => void
  private readonly replace: (kind: 'audio' | 'video', track: MediaStreamTrack) => Promise<void>

  constructor(
    changed: (view: LocalView) => void,
    replace: (kind: 'audio' | 'video', track: MediaStreamTrack) => Promise<void>,
  ) {
    this.changed = changed
    this.replace = replace
  }

  private update(patch: Partial<LocalView>) {
    this.view = { ...this.view, ...patch }
    this.changed(this.view)
  }

  /** Turns them on (throws MediaUnavailable); false when the call was over before they were. */
  async open(video: boolean, stillWanted: () => boolean): Promise<boolean> {
    const stream = await openMedia(video)
    if (!stillWanted()) {
      stopTracks(stream)
      return false
    }
    this.adopt(stream)
    return true
  }

  /** Takes tracks opened before the call (the device check's), as they are: on, or off as the person chose. */
  adopt(stream: MediaStream) {
    this.stream = stream
    const on = (tracks: MediaStreamTrack[], otherwise: boolean) =>
      tracks.length ? tracks.some((t) => t.enabled) : otherwise
    this.view = {
      ...this.view,
      micOn: on(stream.getAudioTracks(), this.view.micOn),
      cameraOn: on(stream.getVideoTracks(), this.view.cameraOn),
    }
    this.show()
    listDevices().then(
      (devices) => this.update({ devices }),
      // Choosing devices is a convenience: without the list the call goes on with the ones it has.
      () => undefined,
    )
  }

  private show() {
    const tracks = this.stream?.getTracks() ?? []
    const camera = tracks.find((t) => t.kind === 'video')
    this.update({
      local: tracks.length ? new MediaStream(tracks) : null,
      hasCamera: Boolean(camera),
      micId: deviceOf(tracks.find((t) => t.kind === 'audio')),
      cameraId: deviceOf(camera),
    })
  }

  stop() {
    stopTracks(this.stream)
    this.stream = null
    this.update({ local: null, hasCamera: false })
  }

  toggleMic = () => this.setMic(!this.view.micOn)

  toggleCamera = () => this.setCamera(!this.view.cameraOn)

  setMic(on: boolean) {
    this.stream?.getAudioTracks().forEach((track) => (track.enabled = on))
    this.update({ micOn: on })
  }

  setCamera(on: boolean) {
    this.stream?.getVideoTracks().forEach((track) => (track.enabled = on))
    this.update({ cameraOn: on })
  }

  get micOn() {
    return this.view.micOn
  }

  get cameraOn() {
    return this.view.cameraOn
  }

  /** The camera's track, if there is a camera. */
  get camera(): MediaStreamTrack | null {
    return this.stream?.getVideoTracks()[0] ?? null
  }

  /**
   * Sends another microphone or camera. A phone may not open a second camera while one is on, so the old camera stops
   * first; if the new one will not open, the old one comes back.
   */
  useDevice = async (kind: 'audio' | 'video', deviceId: string, fallBack = true) => {
    const stream = this.stream
    if (!stream) return
    const old = kind === 'audio' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0]
    const oldId = deviceOf(old)
    if (kind === 'video') old?.stop()
    let track: MediaStreamTrack
    try {
      track = await openTrack(kind, deviceId)
    } catch {
      if (kind === 'video' && fallBack && oldId) await this.useDevice('video', oldId, false)
      return
    }
    if (this.stream !== stream) return track.stop()
    track.enabled = kind === 'audio' ? this.view.micOn : this.view.cameraOn
    await this.replace(kind, track)
    if (old) {
      stream.removeTrack(old)
      old.stop()
    }
    stream.addTrack(track)
    this.show()
  }

  /** The next camera in the list (front and back on a phone). */
  switchCamera = () => {
    const cameras = this.view.devices.video
    const at = cameras.findIndex((c) => c.id === this.view.cameraId)
    const next = cameras[(at + 1) % cameras.length]
    if (next && next.id !== this.view.cameraId) void this.useDevice('video', next.id)
  }
}
