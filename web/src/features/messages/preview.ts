import type { FileResponse, Message } from '../../lib/api-types'
import type { Translate } from '../../lib/i18n'
import { attachmentIcon } from '../files/attachments'
import { callNotePreview } from './call-notes'
import { parseMessage, plainText } from './format-message'
import type { MessageKey } from './texts'

// A message in one line, for the chat list, pins, replies, reminders and the quote in a dialog.

/** One line for a message's files when it has no text: "🖼 Фото", "🎤 Голосовое сообщение", "📎 отчёт.pdf", "📎 Файлы: 3". */
export function attachmentSummary(
  files: readonly Pick<FileResponse, 'kind' | 'name'>[],
  t: Translate<MessageKey>,
): string {
  if (files.length === 0) return ''
  if (files.every((f) => f.kind === 'Image'))
    return files.length === 1 ? t('previewPhoto') : t('previewPhotos', { count: files.length })
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
 * The one-line preview of a message from its parts: a call's note, a poll by its question, text with the icon of its
 * first file in front, or only what the files are. `text` is the message's text already made plain.
 */
export function previewParts(
  message: Partial<Pick<Message, 'attachments' | 'poll' | 'call'>>,
  text: string,
  t: Translate<MessageKey>,
): string {
  if (message.call) return callNotePreview(message.call, t)
  if (message.poll) return t('previewPoll', { question: message.poll.question })
  const files = message.attachments ?? []
  if (files.length === 0) return text
  if (!text) return attachmentSummary(files, t)
  return `${attachmentIcon(files[0].kind)} ${text}`
}

/**
 * One line of a message for previews: formatting marks dropped, whitespace folded; a call's note ("📞 Пропущенный
 * звонок"), a poll by its question, files by what they are ("🖼 Фото", "📎 отчёт.pdf") when there is no text.
 */
export function previewText(
  message: Pick<Message, 'text' | 'deleted'> & Partial<Pick<Message, 'attachments' | 'poll' | 'call'>>,
  t: Translate<MessageKey>,
  max = 120,
): string {
  if (message.deleted) return t('deleted')
  const text = previewParts(message, plainText(parseMessage(message.text)).replace(/\s+/g, ' ').trim(), t)
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
