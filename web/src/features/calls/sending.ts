import type { GroupMedia } from './group-media'
import { LocalMedia, type LocalView } from './local-media'
import { stopTracks } from './media'

/** What the screen shows of what I send: my microphone and camera, and whether my screen goes instead. */
export interface SendingView extends LocalView {
  sharing: boolean
}

/**
 * My side of a group call's media: the microphone and camera (LocalMedia: muting, other devices) and the screen,
 * and which track the SFU gets as my video: the screen while I share it, else the camera while it is on, else none
 * (no frames at all, rather than black ones: receivers then show my initials).
 */
export class Sending {
  readonly local: LocalMedia
  private screen: MediaStreamTrack | null = null
  private link: GroupMedia | null = null
  private stopped = false
  private readonly changed: (patch: Partial<SendingView>) => void

  constructor(changed: (patch: Partial<SendingView>) => void) {
    this.changed = changed
    this.local = new LocalMedia(changed, (kind, track) => this.deviceChosen(kind, track))
  }

  /** The leg whose media carries mine now (null between legs). */
  use(link: GroupMedia | null) {
    this.link = link
  }

  get stream(): MediaStream | null {
    return this.local.stream
  }

  video(): MediaStreamTrack | null {
    return this.screen ?? (this.local.cameraOn ? this.local.camera : null)
  }

  get micOn() {
    return this.local.micOn
  }

  get cameraOn() {
    return this.local.cameraOn
  }

  setMic(on: boolean) {
    this.local.setMic(on)
  }

  setCamera(on: boolean) {
    this.local.setCamera(on)
    void this.link?.setVideo(this.video())
  }

  /** Another microphone or camera was chosen (a camera waits while the screen is shown, or while it is off). */
  private async deviceChosen(kind: 'audio' | 'video', track: MediaStreamTrack) {
    if (kind === 'audio') await this.link?.setAudio(track)
    else if (!this.screen) await this.link?.setVideo(this.local.cameraOn ? track : null)
  }

  /** Shows my screen instead of my camera, or stops (the browser's own "stop sharing" too). */
  toggleScreen = async () => {
    if (this.screen) return this.stopScreen()
    let stream: MediaStream
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false })
    } catch {
      return // Cancelled in the browser's picker.
    }
    const track = stream.getVideoTracks()[0]
    if (!track || this.stopped) return stopTracks(stream)
    track.contentHint = 'detail'
    track.addEventListener('ended', () => void this.stopScreen())
    this.screen = track
    await this.link?.setVideo(track)
    this.changed({ sharing: true })
  }

  private async stopScreen() {
    const track = this.screen
    if (!track) return
    this.screen = null
    track.stop()
    await this.link?.setVideo(this.video())
    this.changed({ sharing: false })
  }

  stop() {
    this.stopped = true
    this.screen?.stop()
    this.screen = null
    this.link = null
    this.local.stop()
  }
}
