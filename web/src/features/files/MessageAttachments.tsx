import { type KeyboardEvent, type MouseEvent, useEffect, useRef, useState } from 'react'
import type { FileResponse } from '../../lib/api-types'
import { formatBytes } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { Dialog } from '../../lib/ui'
import { fitImage } from './attachments'
import { downloadUrl } from './api'
import { fileTexts } from './texts'
import { formatDuration, playerBars } from './voice'

// A message's files: images as thumbnails that open a viewer, video and audio players, voice notes with their
// waveform, and other files as download links. Rows of the history are measured as they appear (VirtualLog), so
// everything here keeps its size from the start: images from their width and height, video in a fixed frame.

const tileSize = 136

/** Browsers do not draw TIFF: the viewer shows its thumbnail, and "Скачать" still gives the scan itself. */
function viewable(image: FileResponse): string {
  return image.contentType === 'image/tiff' && image.thumbnailUrl ? image.thumbnailUrl : image.url
}

function ImageButtons({
  images,
  onOpen,
}: {
  images: FileResponse[]
  onOpen?: (images: FileResponse[], index: number) => void
}) {
  const t = useT(fileTexts)
  const grid = images.length > 1
  return (
    <div className={grid ? 'attachment-images attachment-images-grid' : 'attachment-images'}>
      {images.map((image, i) => {
        const size = grid ? { width: tileSize, height: tileSize } : fitImage(image.width, image.height)
        const picture = (
          <img
            src={image.thumbnailUrl ?? image.url}
            alt={image.name}
            width={size.width}
            height={size.height}
            loading="lazy"
            decoding="async"
            className={
              grid || !image.width || !image.height ? 'attachment-thumb attachment-thumb-cover' : 'attachment-thumb'
            }
          />
        )
        return onOpen ? (
          <button
            key={image.id}
            type="button"
            className="attachment-image"
            aria-label={t('openImage', { name: image.name })}
            onClick={() => onOpen(images, i)}
          >
            {picture}
          </button>
        ) : (
          <span key={image.id} className="attachment-image">
            {picture}
          </span>
        )
      })}
    </div>
  )
}

/** The one voice note playing now: starting another pauses it. */
let playingNow: HTMLAudioElement | null = null

function VoicePlayer({ file }: { file: FileResponse }) {
  const t = useT(fileTexts)
  const audio = useRef<HTMLAudioElement>(null)
  const [playing, setPlaying] = useState(false)
  const [position, setPosition] = useState(0)
  const [loadedMs, setLoadedMs] = useState(0)
  const duration = file.durationMs ?? loadedMs
  const bars = playerBars(file.waveform)
  const progress = duration > 0 ? Math.min(1, position / duration) : 0

  useEffect(
    () => () => {
      if (playingNow === audio.current) playingNow = null
    },
    [],
  )

  function toggle() {
    const el = audio.current
    if (!el) return
    if (el.paused) {
      if (playingNow && playingNow !== el) playingNow.pause()
      playingNow = el
      el.play().catch(() => setPlaying(false))
    } else el.pause()
  }

  function seek(ms: number) {
    const el = audio.current
    if (!el || duration <= 0) return
    const to = Math.max(0, Math.min(duration, ms))
    try {
      el.currentTime = to / 1000
    } catch {
      return // an old browser before the sound has loaded
    }
    setPosition(to)
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const step = { ArrowLeft: -5_000, ArrowDown: -5_000, ArrowRight: 5_000, ArrowUp: 5_000 }[e.key]
    if (step !== undefined) seek(position + step)
    else if (e.key === 'Home') seek(0)
    else if (e.key === 'End') seek(duration)
    else return
    e.preventDefault()
  }

  function onClick(e: MouseEvent<HTMLDivElement>) {
    const rect = e.currentTarget.getBoundingClientRect()
    if (rect.width > 0) seek(((e.clientX - rect.left) / rect.width) * duration)
  }

  const shown = playing || position > 0 ? position : duration
  return (
    <div className="voice-player">
      <button type="button" className="voice-play" onClick={toggle}>
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
        <span className="visually-hidden">{playing ? t('voicePause') : t('voicePlay')}</span>
      </button>
      <div
        className="voice-wave"
        role="slider"
        tabIndex={0}
        aria-label={t('voiceSeek')}
        aria-valuemin={0}
        aria-valuemax={Math.round(duration / 1000)}
        aria-valuenow={Math.round(position / 1000)}
        aria-valuetext={t('voicePosition', { current: formatDuration(position), total: formatDuration(duration) })}
        onKeyDown={onKeyDown}
        onClick={onClick}
      >
        {bars.map((level, i) => (
          <span
            key={i}
            className={(i + 0.5) / bars.length <= progress ? 'voice-bar voice-bar-played' : 'voice-bar'}
            style={{ height: `${Math.max(8, level)}%` }}
          />
        ))}
      </div>
      <span className="voice-time">{formatDuration(shown)}</span>
      <audio
        ref={audio}
        src={file.url}
        preload="none"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => {
          setPlaying(false)
          setPosition(0)
        }}
        onTimeUpdate={(e) => setPosition(e.currentTarget.currentTime * 1000)}
        onLoadedMetadata={(e) => {
          if (Number.isFinite(e.currentTarget.duration)) setLoadedMs(e.currentTarget.duration * 1000)
        }}
      />
    </div>
  )
}

function FileLink({ file }: { file: FileResponse }) {
  const t = useT(fileTexts)
  const language = useLanguage()
  return (
    <a className="attachment-file" href={downloadUrl(file.url)} download={file.name}>
      <span className="attachment-file-icon" aria-hidden="true">
        📄
      </span>
      <span className="attachment-file-name">
        {t('fileLink', { name: file.name, size: formatBytes(file.size, language) })}
      </span>
    </a>
  )
}

export function MessageAttachments({
  files,
  onOpenImage,
}: {
  files: readonly FileResponse[]
  onOpenImage?: (images: FileResponse[], index: number) => void
}) {
  if (files.length === 0) return null
  const images = files.filter((f) => f.kind === 'Image')
  const others = files.filter((f) => f.kind !== 'Image')
  return (
    <div className="attachments">
      {images.length > 0 ? <ImageButtons images={images} onOpen={onOpenImage} /> : null}
      {others.map((file) => {
        switch (file.kind) {
          case 'Voice':
            return <VoicePlayer key={file.id} file={file} />
          case 'Video':
            return (
              <video
                key={file.id}
                className="attachment-video"
                controls
                preload="metadata"
                src={file.url}
                aria-label={file.name}
              >
                <FileLink file={file} />
              </video>
            )
          case 'Audio':
            return (
              <div key={file.id} className="attachment-audio">
                <audio controls preload="none" src={file.url} aria-label={file.name} />
                <FileLink file={file} />
              </div>
            )
          default:
            return <FileLink key={file.id} file={file} />
        }
      })}
    </div>
  )
}

/** The images of one message, large, one at a time: arrows (buttons and keys) move between them. */
export function ImageViewer({
  images,
  index,
  onClose,
}: {
  images: readonly FileResponse[]
  index: number
  onClose: () => void
}) {
  const t = useT(fileTexts)
  const language = useLanguage()
  const [at, setAt] = useState(Math.min(index, images.length - 1))
  const image = images[at]
  const many = images.length > 1
  const go = (step: number) => setAt((current) => (current + step + images.length) % images.length)
  if (!image) return null

  return (
    <Dialog
      title={t('imageViewer')}
      onClose={onClose}
      className="dialog-viewer"
      onKeyDown={(e) => {
        if (!many || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return
        e.preventDefault()
        go(e.key === 'ArrowLeft' ? -1 : 1)
      }}
    >
      <figure className="viewer-figure">
        <img
          key={image.id}
          src={viewable(image)}
          alt={image.name}
          width={image.width ?? undefined}
          height={image.height ?? undefined}
        />
        <figcaption>
          <span className="viewer-name">{image.name}</span>
          <span className="muted">
            {' '}
            · {formatBytes(image.size, language)}
            {many ? ` · ${t('imageCounter', { index: at + 1, count: images.length })}` : ''}
          </span>
        </figcaption>
      </figure>
      <div className="actions viewer-actions">
        {many ? (
          <>
            <button type="button" onClick={() => go(-1)}>
              <span aria-hidden="true">←&nbsp;</span>
              {t('previousImage')}
            </button>
            <button type="button" onClick={() => go(1)}>
              {t('nextImage')}
              <span aria-hidden="true">&nbsp;→</span>
            </button>
          </>
        ) : null}
        <a className="button-link" href={downloadUrl(image.url)} download={image.name}>
          {t('download')}
        </a>
      </div>
    </Dialog>
  )
}
