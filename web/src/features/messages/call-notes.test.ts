import { describe, expect, it } from 'vitest'
import type { CallNote } from '../../lib/api-types'
import { translate } from '../../lib/i18n'
import type { Language } from '../../lib/language'
import { callNoteLine, callNotePreview } from './call-notes'
import { previewText } from './preview'
import { messageTexts, type MessageKey } from './texts'

const tr = (language: Language) => (key: MessageKey, params?: Record<string, string | number>) =>
  translate(messageTexts, language, key, params)
const t = tr('ru')

const note = (event: CallNote['event'], video = false, durationSeconds: number | null = null): CallNote => ({
  callId: 'c',
  event,
  video,
  durationSeconds,
})

describe('call notes', () => {
  it('name the kind of call and who started it', () => {
    expect(callNoteLine(note('Started', true), 'Ольга Сидорова', t)).toBe('Видеозвонок · Ольга Сидорова')
    expect(callNoteLine(note('Started'), 'Вы', t)).toBe('Звонок · Вы')
  })

  it('say how long an ended call lasted', () => {
    expect(callNoteLine(note('Ended', true, 192), 'Ольга Сидорова', t)).toBe('Звонок завершён · 3:12')
    expect(callNoteLine(note('Ended', false, 3725), 'x', t)).toBe('Звонок завершён · 1:02:05')
    expect(callNoteLine(note('Ended', false, 0), 'x', t)).toBe('Звонок завершён · 0:00')
    expect(callNoteLine(note('Ended'), 'x', t)).toBe('Звонок завершён')
  })

  it('say a call was missed or declined', () => {
    expect(callNoteLine(note('Missed'), 'x', t)).toBe('Пропущенный звонок')
    expect(callNoteLine(note('Declined', true), 'x', t)).toBe('Звонок отклонён')
  })

  it('show in previews with the icon of their kind', () => {
    expect(callNotePreview(note('Started', true), t)).toBe('📹 Видеозвонок')
    expect(callNotePreview(note('Missed'), t)).toBe('📞 Пропущенный звонок')
    expect(previewText({ text: '', deleted: false, call: note('Ended', false, 65) }, t)).toBe(
      '📞 Звонок завершён · 1:05',
    )
    expect(previewText({ text: '', deleted: true, call: note('Ended', false, 65) }, t)).toBe('Сообщение удалено')
  })

  it('speak English too', () => {
    const en = tr('en')
    expect(callNoteLine(note('Started', true), 'Olga', en)).toBe('Video call · Olga')
    expect(callNoteLine(note('Ended', false, 192), 'x', en)).toBe('Call ended · 3:12')
    expect(callNotePreview(note('Declined'), en)).toBe('📞 Call declined')
    expect(callNotePreview(note('Missed', true), en)).toBe('📹 Missed call')
  })
})
