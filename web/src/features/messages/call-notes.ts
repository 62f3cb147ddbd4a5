import type { CallNote } from '../../lib/api-types'
import { formatDuration } from '../../lib/format'
import type { Translate } from '../../lib/i18n'
import type { MessageKey } from './texts'

// The notes a call leaves in its chat: started, then ended (with how long it lasted), missed or declined. Each is a
// message without text, sent by whoever started the call; the history shows it as a line, not a bubble.

/** "Звонок завершён · 3:12", "Пропущенный звонок", "Звонок отклонён"; the start by its kind ("Видеозвонок"). */
export function callNoteText(note: CallNote, t: Translate<MessageKey>): string {
  switch (note.event) {
    case 'Started':
      return t(note.video ? 'videoCallKind' : 'callKind')
    case 'Ended':
      return note.durationSeconds === null
        ? t('callEnded')
        : t('callEndedAfter', { duration: formatDuration(note.durationSeconds) })
    case 'Missed':
      return t('callMissed')
    case 'Declined':
      return t('callDeclined')
  }
}

/** The line in the history: the start names who called ("Видеозвонок · Ольга Сидорова", "Звонок · Вы"). */
export function callNoteLine(note: CallNote, starter: string, t: Translate<MessageKey>): string {
  const text = callNoteText(note, t)
  return note.event === 'Started' ? t('callStarted', { call: text, name: starter }) : text
}

/** In the chat list and other one-line previews, with the kind's icon in front: "📹 Видеозвонок", "📞 Пропущенный звонок". */
export function callNotePreview(note: CallNote, t: Translate<MessageKey>): string {
  return `${note.video ? '📹' : '📞'} ${callNoteText(note, t)}`
}
