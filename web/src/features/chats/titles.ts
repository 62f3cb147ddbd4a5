import type { ChatRole, ChatSummary } from '../../lib/api-types'
import type { Translate } from '../../lib/i18n'
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
