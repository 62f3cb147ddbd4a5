import type { CallKey } from './texts'

// The microphone and camera of a call: opening them, choosing others, and what to say when that fails.

export type MediaProblem = Extract<
  CallKey,
  'mediaDenied' | 'mediaMissing' | 'mediaBusy' | 'mediaInsecure' | 'mediaFailed'
>

export class MediaUnavailable extends Error {
  readonly problem: MediaProblem

  constructor(problem: MediaProblem) {
    super(problem)
    this.name = 'MediaUnavailable'
    this.problem = problem
  }
}

/** getUserMedia's error names, as the text to show. */
export function mediaProblem(error: unknown): MediaProblem {
  const name =
    typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : ''
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'mediaDenied'
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError')
    return 'mediaMissing'
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'mediaBusy'
  return 'mediaFailed'
}

const camera: MediaTrackConstraints = { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 720 } }

/**
 * The microphone, and the camera for a video call. A video call from a device whose camera is missing or busy goes
 * on with sound only; refusing access stops it.
 */
export async function openMedia(video: boolean): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia)
    throw new MediaUnavailable(isSecureContext ? 'mediaFailed' : 'mediaInsecure')
  if (video) {
    try {
      return await navigator.mediaDevices.getUserMedia({ audio: true, video: camera })
    } catch (error) {
      if (mediaProblem(error) === 'mediaDenied') throw new MediaUnavailable('mediaDenied')
    }
  }
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true })
  } catch (error) {
    throw new MediaUnavailable(mediaProblem(error))
  }
}

/** One track from a chosen device, to be sent instead of the current one. */
export async function openTrack(kind: 'audio' | 'video', deviceId: string): Promise<MediaStreamTrack> {
  const constraints = { deviceId: { exact: deviceId } }
  const stream = await navigator.mediaDevices.getUserMedia(
    kind === 'audio' ? { audio: constraints } : { video: { ...camera, facingMode: undefined, ...constraints } },
  )
  return kind === 'audio' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0]
}

export interface Device {
  id: string
  /** Empty where the browser gives no name (the screen numbers those). */
  label: string
}

export interface Devices {
  audio: Device[]
  video: Device[]
}

/** The microphones and cameras there are (named once the page may use them, as it may during a call). */
export async function listDevices(): Promise<Devices> {
  const all = await navigator.mediaDevices.enumerateDevices()
  const of = (kind: MediaDeviceKind) =>
    all.filter((d) => d.kind === kind && d.deviceId).map((d) => ({ id: d.deviceId, label: d.label }))
  return { audio: of('audioinput'), video: of('videoinput') }
}

/** The device a track comes from. */
export function deviceOf(track: MediaStreamTrack | undefined): string | null {
  return track?.getSettings().deviceId ?? null
}

export function stopTracks(stream: MediaStream | null) {
  stream?.getTracks().forEach((track) => track.stop())
}
