import { useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from 'react'
import type { FileResponse } from '../../lib/api-types'
import { useConversation } from '../../lib/conversation'
import { useT } from '../../lib/i18n'
import { isAbortError } from '../../lib/upload'
import { startUpload, type VoiceNote } from './api'
import { fileTexts } from './texts'
import {
  formatDuration,
  maxVoiceMs,
  microphoneProblem,
  pickRecordingType,
  recordingName,
  reduceLevels,
  rmsLevel,
} from './voice'

// Recording a voice note in the composer: the microphone through MediaRecorder, and an AnalyserNode sampling the
// loudness every 50 ms for the live level and the waveform sent along. Stopping uploads it (kind=Voice) and hands
// the file to the composer, which sends it as a message.

const sampleEveryMs = 50

interface Recorded {
  blob: Blob
  type: string
  durationMs: number
  levels: number[]
}

interface Recording {
  finish: () => Promise<Recorded>
  dispose: () => void
}

function begin(stream: MediaStream, onTick: (elapsedMs: number, level: number) => void): Recording {
  const type = pickRecordingType((t) => MediaRecorder.isTypeSupported(t))
  const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined)
  const chunks: Blob[] = []
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data)
  }

  // Loudness is a nicety: without Web Audio the note is recorded all the same, with an even waveform.
  let context: AudioContext | null = null
  let analyser: AnalyserNode | null = null
  try {
    context = new AudioContext()
    analyser = context.createAnalyser()
    analyser.fftSize = 1024
    context.createMediaStreamSource(stream).connect(analyser)
    void context.resume().catch(() => undefined)
  } catch {
    analyser = null
  }
  const frame = new Uint8Array(analyser?.fftSize ?? 0)
  const levels: number[] = []
  const startedAt = performance.now()
  recorder.start(1_000)
  const timer = setInterval(() => {
    let level = 0
    if (analyser) {
      analyser.getByteTimeDomainData(frame)
      level = rmsLevel(frame)
      levels.push(level)
    }
    onTick(performance.now() - startedAt, level)
  }, sampleEveryMs)

  let cleaned = false
  const cleanUp = () => {
    if (cleaned) return
    cleaned = true
    clearInterval(timer)
    stream.getTracks().forEach((track) => track.stop())
    void context?.close().catch(() => undefined)
  }

  return {
    finish: () =>
      new Promise<Recorded>((resolve) => {
        const durationMs = performance.now() - startedAt
        const done = () => {
          cleanUp()
          const mime = recorder.mimeType || type || 'audio/webm'
          resolve({ blob: new Blob(chunks, { type: mime }), type: mime, durationMs, levels })
        }
        if (recorder.state === 'inactive') return done()
        recorder.onstop = done
        recorder.stop()
      }),
    dispose: () => {
      recorder.onstop = null
      if (recorder.state !== 'inactive') recorder.stop()
      cleanUp()
    },
  }
}

type Phase =
  | { kind: 'starting' }
  | { kind: 'recording' }
  | { kind: 'uploading'; loaded: number; total: number }
  | { kind: 'failed'; message: string; canRetry: boolean }

function unavailable(): 'micInsecure' | 'micUnsupported' | null {
  if (!window.isSecureContext) return 'micInsecure'
  if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') return 'micUnsupported'
  return null
}

interface Props {
  /** Uploaded: the composer sends it. */
  onRecorded: (file: FileResponse) => void
  /** Cancelled, or closed after an error. */
  onClose: () => void
}

/** Starts recording as soon as it shows (it is opened by the "record" button). */
export function VoiceRecorder({ onRecorded, onClose }: Props) {
  const { schoolId } = useConversation()
  const t = useT(fileTexts)
  // A browser that cannot record at all is told so at once.
  const [phase, setPhase] = useState<Phase>(() => {
    const problem = unavailable()
    return problem ? { kind: 'failed', message: t(problem), canRetry: false } : { kind: 'starting' }
  })
  const [elapsed, setElapsed] = useState(0)
  const [level, setLevel] = useState(0)
  const recording = useRef<Recording | null>(null)
  const abortUpload = useRef<(() => void) | null>(null)
  const recorded = useRef<{ blob: Blob; name: string; voice: VoiceNote } | null>(null)
  const mainButton = useRef<HTMLButtonElement>(null)
  const latest = useRef({ stopAndSend: () => {}, onRecorded })

  // Texts in the language of the moment the microphone fails.
  const failed = useEffectEvent((error: unknown) => {
    setPhase({ kind: 'failed', message: t(microphoneProblem(error)), canRetry: false })
  })

  useEffect(() => {
    let cancelled = false
    if (unavailable()) return
    navigator.mediaDevices.getUserMedia({ audio: true }).then(
      (stream) => {
        if (cancelled) return stream.getTracks().forEach((track) => track.stop())
        try {
          recording.current = begin(stream, (ms, value) => {
            setElapsed(ms)
            setLevel(value)
            if (ms >= maxVoiceMs - sampleEveryMs) latest.current.stopAndSend()
          })
          setPhase({ kind: 'recording' })
        } catch (error) {
          stream.getTracks().forEach((track) => track.stop())
          failed(error)
        }
      },
      (error: unknown) => {
        if (!cancelled) failed(error)
      },
    )
    return () => {
      cancelled = true
      recording.current?.dispose()
      recording.current = null
      abortUpload.current?.()
    }
    // Once per opening.
  }, [])

  useEffect(() => {
    if (phase.kind === 'recording' || phase.kind === 'failed') mainButton.current?.focus()
  }, [phase.kind])

  function upload() {
    const note = recorded.current
    if (!note) return
    setPhase({ kind: 'uploading', loaded: 0, total: note.blob.size })
    const started = startUpload(
      schoolId,
      note.blob,
      note.name,
      (loaded, total) => setPhase({ kind: 'uploading', loaded, total }),
      note.voice,
    )
    abortUpload.current = started.abort
    started.promise.then(
      (file) => {
        abortUpload.current = null
        latest.current.onRecorded(file)
      },
      (error: unknown) => {
        abortUpload.current = null
        if (!isAbortError(error))
          setPhase({ kind: 'failed', message: error instanceof Error ? error.message : String(error), canRetry: true })
      },
    )
  }

  async function stopAndSend() {
    const current = recording.current
    if (!current) return
    recording.current = null
    const { blob, type, durationMs, levels } = await current.finish()
    if (blob.size === 0) {
      setPhase({ kind: 'failed', message: t('recordingEmpty'), canRetry: false })
      return
    }
    recorded.current = {
      blob,
      name: recordingName(type, new Date()),
      voice: { durationMs: Math.min(maxVoiceMs, Math.max(1, Math.round(durationMs))), waveform: reduceLevels(levels) },
    }
    upload()
  }

  useLayoutEffect(() => {
    latest.current = { stopAndSend: () => void stopAndSend(), onRecorded }
  })

  function cancel() {
    recording.current?.dispose()
    recording.current = null
    abortUpload.current?.()
    onClose()
  }

  const meter = Math.min(100, Math.round(level * 250))
  return (
    <div className="voice-recorder" role="group" aria-label={t('recordVoice')}>
      <div className="voice-recorder-state">
        {phase.kind === 'starting' ? <p role="status">{t('micStarting')}</p> : null}
        {phase.kind === 'recording' ? (
          <>
            <span className="recording-dot" aria-hidden="true" />
            <span className="visually-hidden">{t('recording')}</span>
            <span className="recording-time" role="timer" aria-label={t('recordingTime')}>
              {formatDuration(elapsed)}
            </span>
            <span
              className="recording-level"
              role="meter"
              aria-label={t('recordingLevel')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={meter}
            >
              <span style={{ width: `${meter}%` }} />
            </span>
          </>
        ) : null}
        {phase.kind === 'uploading' ? (
          <>
            <p role="status">{t('sendingVoice')}</p>
            <progress
              max={phase.total || 1}
              value={Math.min(phase.loaded, phase.total || 1)}
              aria-label={t('uploadingFile', { name: t('voiceMessage') })}
            />
          </>
        ) : null}
        {phase.kind === 'failed' ? (
          <p className="composer-refusal" role="alert">
            {phase.message}
          </p>
        ) : null}
      </div>
      <div className="actions voice-recorder-actions">
        {phase.kind === 'recording' ? (
          <button ref={mainButton} type="button" className="primary small" onClick={() => void stopAndSend()}>
            {t('stopAndSend')}
          </button>
        ) : null}
        {phase.kind === 'failed' && phase.canRetry ? (
          <button ref={mainButton} type="button" className="primary small" onClick={upload}>
            {t('sendAgain')}
          </button>
        ) : null}
        {phase.kind === 'failed' && !phase.canRetry ? (
          <button ref={mainButton} type="button" className="small" onClick={cancel}>
            {t('close')}
          </button>
        ) : (
          <button type="button" className="small" onClick={cancel}>
            {t('cancelRecording')}
          </button>
        )}
      </div>
    </div>
  )
}
