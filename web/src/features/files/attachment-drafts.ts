import { useSyncExternalStore } from 'react'
import type { FileResponse } from '../../lib/api-types'
import { isAbortError } from '../../lib/upload'
import { pickFiles } from './attachments'
import { deleteUpload, startUpload } from './api'

// Files attached to the message being written, per chat, outside React: uploads go on (and stay attached) while
// the reader moves to another chat and back, like the text draft. Each file starts uploading the moment it is
// added (button, drop, paste); the composer sends the ids of the finished ones.

export interface AttachmentDraft {
  key: string
  name: string
  size: number
  /** The browser's idea of the type, for the icon while uploading. */
  type: string
  status: 'uploading' | 'done' | 'failed'
  loaded: number
  total: number
  /** The server's copy, once uploaded. */
  file?: FileResponse
  /** Why it failed: the server's message (already in the interface language). */
  error?: string
  /** Refused before uploading: larger than this many bytes. */
  tooLarge?: number
}

export interface ChatDrafts {
  items: readonly AttachmentDraft[]
  /** Files turned away by the last addition because a message takes at most 10. */
  refused: number
}

const empty: ChatDrafts = { items: [], refused: 0 }
const store = new Map<string, ChatDrafts>()
const aborts = new Map<string, () => void>()
const listeners = new Set<() => void>()
let counter = 0

function set(chatId: string, change: (state: ChatDrafts) => ChatDrafts) {
  const next = change(store.get(chatId) ?? empty)
  if (next.items.length === 0 && next.refused === 0) store.delete(chatId)
  else store.set(chatId, next)
  listeners.forEach((listener) => listener())
}

function patch(chatId: string, key: string, change: Partial<AttachmentDraft>) {
  set(chatId, (state) => ({ ...state, items: state.items.map((d) => (d.key === key ? { ...d, ...change } : d)) }))
}

function drop(chatId: string, key: string) {
  set(chatId, (state) => ({ ...state, items: state.items.filter((d) => d.key !== key) }))
}

/** Adds files to a chat's message and starts uploading them; `maxBytes` (when known) refuses larger ones at once. */
export function addAttachments(schoolId: string, chatId: string, files: readonly File[], maxBytes?: number) {
  if (files.length === 0) return
  const held = (store.get(chatId) ?? empty).items.filter((d) => d.status !== 'failed').length
  const { picked, refused } = pickFiles(held, files, maxBytes)
  const added: AttachmentDraft[] = picked.map(({ file, tooLarge }) => ({
    key: `attachment-${++counter}`,
    name: file.name || 'file',
    size: file.size,
    type: file.type,
    status: tooLarge ? 'failed' : 'uploading',
    loaded: 0,
    total: file.size,
    tooLarge: tooLarge ? maxBytes : undefined,
  }))
  set(chatId, (state) => ({ items: [...state.items, ...added], refused }))
  added.forEach((draft, i) => {
    if (draft.status !== 'uploading') return
    const started = startUpload(schoolId, picked[i].file, draft.name, (loaded, total) =>
      patch(chatId, draft.key, { loaded, total }),
    )
    aborts.set(draft.key, started.abort)
    started.promise
      .then((file) => patch(chatId, draft.key, { status: 'done', file, loaded: draft.size, total: draft.size }))
      .catch((error: unknown) => {
        if (isAbortError(error)) drop(chatId, draft.key)
        else
          patch(chatId, draft.key, { status: 'failed', error: error instanceof Error ? error.message : String(error) })
      })
      .finally(() => aborts.delete(draft.key))
  })
}

/** Takes an attachment off the message: stops its upload, or gives an uploaded file's space back to the school. */
export function removeAttachment(schoolId: string, chatId: string, key: string) {
  const draft = (store.get(chatId) ?? empty).items.find((d) => d.key === key)
  if (!draft) return
  if (draft.status === 'uploading') {
    const abort = aborts.get(key)
    if (abort) return abort() // the upload's failure takes the chip away
  }
  drop(chatId, key)
  if (draft.file) void deleteUpload(schoolId, draft.file.id).catch(() => undefined) // left over: the server clears unsent files
}

/** The uploaded files, taken off the draft to go with the message being sent (failed ones stay, with their error). */
export function takeUploaded(chatId: string): FileResponse[] {
  const files = (store.get(chatId) ?? empty).items.flatMap((d) => (d.status === 'done' && d.file ? [d.file] : []))
  set(chatId, (state) => ({ items: state.items.filter((d) => d.status !== 'done'), refused: 0 }))
  return files
}

export function dismissRefused(chatId: string) {
  if ((store.get(chatId) ?? empty).refused > 0) set(chatId, (state) => ({ ...state, refused: 0 }))
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function useAttachmentDrafts(chatId: string): ChatDrafts {
  return useSyncExternalStore(
    subscribe,
    () => store.get(chatId) ?? empty,
    () => empty,
  )
}

/** Whether sending must wait, and what can go. */
export function draftsState(items: readonly AttachmentDraft[]): { uploading: boolean; ready: number } {
  return {
    uploading: items.some((d) => d.status === 'uploading'),
    ready: items.filter((d) => d.status === 'done').length,
  }
}
