import { describe, expect, it } from 'vitest'
import type { FileKind, FileResponse, PollResponse } from '../../lib/api-types'
import { translate } from '../../lib/i18n'
import type { Language } from '../../lib/language'
import { messageTexts, type MessageKey } from './texts'
import { attachmentSummary, previewText } from './preview'

const tr = (language: Language) => (key: MessageKey, params?: Record<string, string | number>) =>
  translate(messageTexts, language, key, params)
const t = tr('ru')

function file(kind: FileKind, name = 'отчёт.pdf'): FileResponse {
  return {
    id: name,
    name,
    contentType: 'application/pdf',
    kind,
    size: 1000,
    width: null,
    height: null,
    durationMs: null,
    waveform: null,
    url: `/api/v1/schools/s/files/${name}/content`,
    thumbnailUrl: null,
    createdAt: '2026-03-01T08:00:00Z',
  }
}

const poll = { question: 'Когда собрание?' } as PollResponse

describe('chat list previews', () => {
  it('says what the files are when there is no text', () => {
    expect(previewText({ text: '', deleted: false, attachments: [file('Image', 'a.jpg')] }, t)).toBe('🖼 Фото')
    expect(
      previewText({ text: '', deleted: false, attachments: [file('Image', 'a.jpg'), file('Image', 'b.jpg')] }, t),
    ).toBe('🖼 Фото: 2')
    expect(previewText({ text: '', deleted: false, attachments: [file('Voice', 'voice.webm')] }, t)).toBe(
      '🎤 Голосовое сообщение',
    )
    expect(previewText({ text: '', deleted: false, attachments: [file('File')] }, t)).toBe('📎 отчёт.pdf')
    expect(previewText({ text: '', deleted: false, attachments: [file('Video', 'v.mp4')] }, t)).toBe('🎬 Видео')
    expect(previewText({ text: '', deleted: false, attachments: [file('Audio', 'song.mp3')] }, t)).toBe('🎵 song.mp3')
    expect(previewText({ text: '', deleted: false, attachments: [file('Image', 'a.jpg'), file('File')] }, t)).toBe(
      '📎 Файлы: 2',
    )
  })

  it('puts the icon of the first file before the text', () => {
    expect(
      previewText({ text: 'Расписание **на завтра**', deleted: false, attachments: [file('Image', 'a.jpg')] }, t),
    ).toBe('🖼 Расписание на завтра')
  })

  it('shows a poll by its question', () => {
    expect(previewText({ text: 'Когда собрание?', deleted: false, attachments: [], poll }, t)).toBe(
      '📊 Когда собрание?',
    )
  })

  it('a deleted message stays "deleted", and plain text stays plain', () => {
    expect(previewText({ text: '', deleted: true, attachments: [], poll: null }, t)).toBe('Сообщение удалено')
    expect(previewText({ text: 'Привет', deleted: false }, t)).toBe('Привет')
  })

  it('speaks English too', () => {
    expect(attachmentSummary([file('Voice')], tr('en'))).toBe('🎤 Voice message')
    expect(attachmentSummary([], t)).toBe('')
  })
})
