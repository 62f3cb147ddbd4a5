import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useT } from '../../lib/i18n'
import { Dialog } from '../../lib/ui'
import { rmsLevel } from '../files/voice'
import { DeviceSelect } from './DeviceSelect'
import './device-check.css'
import {
  type Devices,
  deviceOf,
  listDevices,
  type MediaProblem,
  MediaUnavailable,
  openMedia,
  openTrack,
  stopTracks,
} from './media'
import { groupCallTexts } from './texts'

/** The microphone's loudness 0-100, sampled ten times a second (0 without Web Audio). */
function useLevel(stream: MediaStream | null, track: MediaStreamTrack | undefined) {
  const [level, setLevel] = useState(0)
  useEffect(() => {
    if (!stream || !track) return
    let context: AudioContext
    let analyser: AnalyserNode
    try {
      context = new AudioContext()
      analyser = context.createAnalyser()
      analyser.fftSize = 1024
      context.createMediaStreamSource(new MediaStream([track])).connect(analyser)
      void context.resume().catch(() => undefined)
    } catch {
      return
    }
    const frame = new Uint8Array(analyser.fftSize)
    const timer = setInterval(() => {
      analyser.getByteTimeDomainData(frame)
      setLevel(Math.min(100, Math.round(rmsLevel(frame) * 250)))
    }, 100)
    return () => {
      clearInterval(timer)
      void context.close().catch(() => undefined)
    }
  }, [stream, track])
  return level
}

/**
 * Before joining a group call: my camera's picture, the microphone's level, which microphone and camera, and whether
 * to come in with the camera off or muted. The tracks opened here are the ones the call sends (handed over on
 * "join"; stopped on cancel). Without access to them one can still join to listen.
 */
export function DeviceCheck({
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  confirmLabel: string
  onConfirm: (stream: MediaStream | null) => void
  onCancel: () => void
}) {
  const t = useT(groupCallTexts)
  const id = useId()
  const [stream, setStream] = useState<MediaStream | null>(null)
  const [problem, setProblem] = useState<MediaProblem | null>(null)
  const [devices, setDevices] = useState<Devices>({ audio: [], video: [] })
  // Bumped when a device is changed: the stream is the same object with other tracks (the preview follows them).
  const [, setTracks] = useState(0)
  const [cameraOff, setCameraOff] = useState(false)
  const [muted, setMuted] = useState(false)
  const held = useRef<MediaStream | null>(null)
  const handedOver = useRef(false)

  useEffect(() => {
    let cancelled = false
    openMedia(true).then(
      (opened) => {
        if (cancelled) return stopTracks(opened)
        held.current = opened
        setStream(opened)
        listDevices().then(setDevices, () => undefined)
      },
      (error: unknown) => {
        if (!cancelled) setProblem(error instanceof MediaUnavailable ? error.problem : 'mediaFailed')
      },
    )
    return () => {
      cancelled = true
      if (!handedOver.current) stopTracks(held.current)
    }
  }, [])

  const mic = stream?.getAudioTracks()[0]
  const camera = stream?.getVideoTracks()[0]
  const level = useLevel(stream, mic)

  // A ref callback: the dialog mounts its content only once it is open, which may be after the stream came.
  const preview = useCallback(
    (video: HTMLVideoElement | null) => {
      if (video && video.srcObject !== stream) video.srcObject = stream
    },
    [stream],
  )

  async function choose(kind: 'audio' | 'video', deviceId: string) {
    if (!stream) return
    const old = kind === 'audio' ? mic : camera
    // A phone may not open a second camera while one is on.
    if (kind === 'video') old?.stop()
    try {
      const track = await openTrack(kind, deviceId)
      if (old) stream.removeTrack(old)
      old?.stop()
      stream.addTrack(track)
    } catch {
      // The other device would not open: the one there was stays (a camera is opened again).
      const oldId = deviceOf(old)
      if (kind === 'video' && old && oldId)
        await openTrack('video', oldId).then(
          (track) => {
            stream.removeTrack(old)
            stream.addTrack(track)
          },
          () => undefined,
        )
    }
    setTracks((n) => n + 1)
  }

  function confirm() {
    if (stream) {
      stream.getAudioTracks().forEach((track) => (track.enabled = !muted))
      stream.getVideoTracks().forEach((track) => (track.enabled = !cameraOff))
    }
    handedOver.current = true
    onConfirm(stream)
  }

  return (
    <Dialog title={t('checkTitle')} onClose={onCancel} className="device-check">
      {!stream && !problem ? <p role="status">{t('opening')}</p> : null}
      {problem ? (
        <p className="alert" role="alert">
          {t(problem)}
        </p>
      ) : null}
      {stream && camera && !cameraOff ? (
        <video ref={preview} className="device-check-preview" aria-label={t('preview')} autoPlay playsInline muted />
      ) : null}
      {stream && !camera ? <p className="hint">{t('noCamera')}</p> : null}
      {mic ? (
        <div className="device-check-level">
          <span id={`${id}-level`}>{t('micLevel')}</span>
          <span
            className="call-level"
            role="meter"
            aria-labelledby={`${id}-level`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={muted ? 0 : level}
          >
            <span style={{ width: `${muted ? 0 : level}%` }} />
          </span>
        </div>
      ) : null}
      {devices.audio.length > 1 ? (
        <DeviceSelect
          label={t('microphone')}
          devices={devices.audio}
          value={deviceOf(mic)}
          onChange={(deviceId) => void choose('audio', deviceId)}
        />
      ) : null}
      {camera && devices.video.length > 1 ? (
        <DeviceSelect
          label={t('camera')}
          devices={devices.video}
          value={deviceOf(camera)}
          onChange={(deviceId) => void choose('video', deviceId)}
        />
      ) : null}
      {camera ? (
        <div className="switch-row">
          <input
            id={`${id}-camera`}
            type="checkbox"
            checked={cameraOff}
            onChange={(e) => setCameraOff(e.target.checked)}
          />
          <label htmlFor={`${id}-camera`}>{t('joinCameraOff')}</label>
        </div>
      ) : null}
      {mic ? (
        <div className="switch-row">
          <input id={`${id}-mic`} type="checkbox" checked={muted} onChange={(e) => setMuted(e.target.checked)} />
          <label htmlFor={`${id}-mic`}>{t('joinMuted')}</label>
        </div>
      ) : null}
      <div className="actions device-check-actions">
        <button type="button" className="primary" disabled={!stream && !problem} onClick={confirm}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </Dialog>
  )
}
