import { useQuery } from '@tanstack/react-query'
import type { FileResponse } from '../../lib/api-types'
import { base } from '../../lib/chat-api'
import { api } from '../../lib/http'
import { type Upload, upload } from '../../lib/upload'
import type * as Wire from '../../lib/api-schema'

export type Storage = Wire.StorageResponse

export interface VoiceNote {
  durationMs: number
  /** Levels 0-100 (see voice.ts). */
  waveform: number[]
}

export function uploadUrl(schoolId: string, name: string, voice?: VoiceNote): string {
  const query = new URLSearchParams({ name })
  if (voice) {
    query.set('kind', 'Voice')
    query.set('durationMs', String(Math.max(1, Math.round(voice.durationMs))))
    if (voice.waveform.length > 0) query.set('waveform', voice.waveform.slice(0, 100).join(','))
  }
  return `${base(schoolId)}/files?${query}`
}

/** Starts uploading at once; the file is the school's (and only mine) until a message carries it. */
export function startUpload(
  schoolId: string,
  body: Blob,
  name: string,
  onProgress?: (loaded: number, total: number) => void,
  voice?: VoiceNote,
): Upload<FileResponse> {
  return upload<FileResponse>(uploadUrl(schoolId, name, voice), body, { onProgress })
}

/** An uploaded file that will not be sent after all: its space goes back to the school. */
export function deleteUpload(schoolId: string, fileId: string): Promise<void> {
  return api<void>(`${base(schoolId)}/files/${fileId}`, { method: 'DELETE' })
}

export const fileKeys = {
  storage: (schoolId: string) => ['schools', schoolId, 'file-storage'] as const,
}

export function useStorage(schoolId: string) {
  return useQuery({
    queryKey: fileKeys.storage(schoolId),
    queryFn: () => api<Storage>(`${base(schoolId)}/files/storage`),
    staleTime: 5 * 60_000,
  })
}

/** The file's address that saves it rather than showing it. */
export function downloadUrl(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}download=true`
}
