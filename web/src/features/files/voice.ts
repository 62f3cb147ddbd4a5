// The pure side of voice notes: loudness while recording, the waveform sent with the upload, time as mm:ss,
// and which recording format to ask the browser for. The recorder (VoiceRecorder.tsx) and the player
// (MessageAttachments.tsx) use these.

/** Bars in the waveform sent with a recording (the server takes up to 100 levels 0-100). */
export const waveformSize = 64

/** The server's limit for a voice note. */
export const maxVoiceMs = 3_600_000

/** Loudness of one analyser frame (getByteTimeDomainData: 0-255, silence at 128) as RMS, 0-1. */
export function rmsLevel(frame: ArrayLike<number>): number {
  if (frame.length === 0) return 0
  let sum = 0
  for (let i = 0; i < frame.length; i++) {
    const x = (frame[i] - 128) / 128
    sum += x * x
  }
  return Math.min(1, Math.sqrt(sum / frame.length))
}

/**
 * Levels sampled while recording (0-1, as many as there were) reduced to `count` bars 0-100: each bar averages its
 * share of the samples (a short recording repeats samples instead), then the loudest bar becomes 100 so quiet
 * speakers still draw a shape. Near silence is not blown up into noise.
 */
export function reduceLevels(levels: readonly number[], count = waveformSize): number[] {
  if (levels.length === 0) return new Array<number>(count).fill(0)
  const bars: number[] = []
  for (let i = 0; i < count; i++) {
    const start = Math.floor((i * levels.length) / count)
    const end = Math.max(start + 1, Math.floor(((i + 1) * levels.length) / count))
    let sum = 0
    for (let j = start; j < end; j++) sum += Math.max(0, levels[j])
    bars.push(sum / (end - start))
  }
  const peak = Math.max(0.02, ...bars)
  return bars.map((bar) => Math.max(0, Math.min(100, Math.round((bar / peak) * 100))))
}

/** "00:07", "03:25", "75:00": whole seconds, rounded down. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000))
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`
}

const recordingTypes = [
  'audio/webm;codecs=opus',
  'audio/webm',
  'audio/ogg;codecs=opus',
  'audio/mp4;codecs=mp4a.40.2',
  'audio/mp4',
] as const

/** The first format the browser records (Opus in WebM preferred; Safari has MP4); '' lets the browser choose. */
export function pickRecordingType(isSupported: (type: string) => boolean): string {
  return (
    recordingTypes.find((type) => {
      try {
        return isSupported(type)
      } catch {
        return false
      }
    }) ?? ''
  )
}

/** A file name for a recording: "voice-2026-03-01-0812.webm". */
export function recordingName(type: string, at: Date): string {
  const extension = type.includes('mp4') ? 'm4a' : type.includes('ogg') ? 'ogg' : type.includes('mpeg') ? 'mp3' : 'webm'
  const pad = (n: number) => String(n).padStart(2, '0')
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`
  return `voice-${stamp}.${extension}`
}

/** The bars a player draws: the stored waveform, or an even line when a note came without one. */
export function playerBars(waveform: readonly number[] | null | undefined): number[] {
  if (!waveform || waveform.length === 0) return new Array<number>(40).fill(25)
  return waveform.map((level) => Math.max(0, Math.min(100, level)))
}

/** What went wrong turning the microphone on (getUserMedia's error names), as the text to show. */
export function microphoneProblem(error: unknown): 'micDenied' | 'micMissing' | 'micBusy' | 'micFailed' {
  const name =
    typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : ''
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'micDenied'
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError')
    return 'micMissing'
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'micBusy'
  return 'micFailed'
}
