import type { FileKind, FileResponse, Message } from '../../lib/api-types'
import type { Translate } from '../../lib/i18n'
import type { ChatKey } from './texts'

// Attachments without React: what a message with files says in one line (chat list, pins, replies), and which
// of the files someone adds go up at all.

/** The server's limit of files on one message. */
export const maxAttachments = 10

const icons: Record<FileKind, string> = { Image: '🖼', Video: '🎬', Voice: '🎤', Audio: '🎵', File: '📎' }

export function attachmentIcon(kind: FileKind): string {
  return icons[kind]
}

/** One line for a message's files when it has no text: "🖼 Фото", "🎤 Голосовое сообщение", "📎 отчёт.pdf", "📎 Файлы: 3". */
export function attachmentSummary(files: readonly Pick<FileResponse, 'kind' | 'name'>[], t: Translate<ChatKey>): string {
  if (files.length === 0) return ''
  if (files.every((f) => f.kind === 'Image')) return files.length === 1 ? t('previewPhoto') : t('previewPhotos', { count: files.length })
  if (files.length > 1) return t('previewFiles', { count: files.length })
  const [file] = files
  switch (file.kind) {
    case 'Voice':
      return t('previewVoice')
    case 'Video':
      return t('previewVideo')
    case 'Audio':
      return t('previewAudio', { name: file.name })
    default:
      return t('previewFile', { name: file.name })
  }
}

/**
 * The one-line preview of a message from its parts: a poll by its question, text with the icon of its first file
 * in front, or only what the files are. `text` is the message's text already made plain.
 */
export function previewParts(message: Partial<Pick<Message, 'attachments' | 'poll'>>, text: string, t: Translate<ChatKey>): string {
  if (message.poll) return t('previewPoll', { question: message.poll.question })
  const files = message.attachments ?? []
  if (files.length === 0) return text
  if (!text) return attachmentSummary(files, t)
  return `${attachmentIcon(files[0].kind)} ${text}`
}

export interface Picked<F> {
  file: F
  /** Larger than the server takes: shown with an error, never uploaded. */
  tooLarge: boolean
}

/**
 * Of the files added to a message that already has `held` attachments: those that fit under the limit of files
 * (each marked when larger than `maxBytes`, when known) and how many were turned away for the limit.
 */
export function pickFiles<F extends { size: number }>(held: number, files: readonly F[], maxBytes?: number): { picked: Picked<F>[]; refused: number } {
  const room = Math.max(0, maxAttachments - held)
  const picked = files.slice(0, room).map((file) => ({ file, tooLarge: maxBytes !== undefined && file.size > maxBytes }))
  return { picked, refused: files.length - picked.length }
}

/**
 * The size to show an image at in the history: its own, made smaller to fit the box, never larger; without a known
 * size a fixed frame. The row keeps this size before the picture loads, so the history does not jump.
 */
export function fitImage(width: number | null, height: number | null, box = { width: 280, height: 320 }): { width: number; height: number } {
  if (!width || !height) return { width: 240, height: 180 }
  const scale = Math.min(1, box.width / width, box.height / height)
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}
