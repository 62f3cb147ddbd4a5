import type { ChatRole, ChatSummary, Message } from '../../lib/api-types'
import { formatDay, formatTime, isSameDay } from '../../lib/format'
import type { Translate } from '../../lib/i18n'
import type { Language } from '../../lib/language'
import { previewParts } from './attachments'
import { parseMessage, plainText } from './format-message'
import type { ChatKey } from './texts'

/** What a chat is called from the reader's side: "Класс 5А", "Родители 5А", "Учительская", a person's name… */
export function chatTitle(chat: Pick<ChatSummary, 'kind' | 'title'>, t: Translate<ChatKey>): string {
  switch (chat.kind) {
    case 'Class':
      return t('classChat', { name: chat.title })
    case 'Parents':
      return t('parentsChat', { name: chat.title })
    case 'Staff':
      return t('staffChat')
    case 'Announcements':
      return t('announcements')
    default:
      return chat.title || t('unnamed')
  }
}

export function roleText(role: ChatRole, t: Translate<ChatKey>): string {
  return t(role === 'Owner' ? 'roleOwner' : role === 'Moderator' ? 'roleModerator' : 'roleMember')
}

/**
 * One line of a message for previews: formatting marks dropped, whitespace folded; a poll by its question, files by
 * what they are ("🖼 Фото", "📎 отчёт.pdf") when there is no text.
 */
export function previewText(message: Pick<Message, 'text' | 'deleted'> & Partial<Pick<Message, 'attachments' | 'poll'>>, t: Translate<ChatKey>, max = 120): string {
  if (message.deleted) return t('deleted')
  const text = previewParts(message, plainText(parseMessage(message.text)).replace(/\s+/g, ' ').trim(), t)
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** Time today, the date otherwise. */
export function listTime(iso: string, language: Language, now: Date = new Date()): string {
  return isSameDay(iso, now) ? formatTime(iso, language) : formatDay(iso, language, now)
}
