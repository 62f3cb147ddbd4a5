import type { FileKind } from '../../lib/api-types'

// Attachments without React: the icon of a kind of file (messages/preview.ts says in one line what a message with
// files is), which of the files someone adds go up at all, and the size an image takes in the history.

/** The server's limit of files on one message. */
export const maxAttachments = 10

const icons: Record<FileKind, string> = { Image: '🖼', Video: '🎬', Voice: '🎤', Audio: '🎵', File: '📎' }

export function attachmentIcon(kind: FileKind): string {
  return icons[kind]
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
export function pickFiles<F extends { size: number }>(
  held: number,
  files: readonly F[],
  maxBytes?: number,
): { picked: Picked<F>[]; refused: number } {
  const room = Math.max(0, maxAttachments - held)
  const picked = files
    .slice(0, room)
    .map((file) => ({ file, tooLarge: maxBytes !== undefined && file.size > maxBytes }))
  return { picked, refused: files.length - picked.length }
}

/**
 * The size to show an image at in the history: its own, made smaller to fit the box, never larger; without a known
 * size a fixed frame. The row keeps this size before the picture loads, so the history does not jump.
 */
export function fitImage(
  width: number | null,
  height: number | null,
  box = { width: 280, height: 320 },
): { width: number; height: number } {
  if (!width || !height) return { width: 240, height: 180 }
  const scale = Math.min(1, box.width / width, box.height / height)
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}
