import { textsByKey } from '../../lib/i18n'
import { words } from '../../lib/words'

/**
 * Moderation in a chat: reports, muting, member roles, chat settings. Each key's Russian
 * and English side by side.
 */
export const moderationTexts = textsByKey({
  cancel: words.cancel,
  reportTitle: { ru: 'Пожаловаться на сообщение', en: 'Report message' },
  reportReason: { ru: 'Причина жалобы', en: 'Reason for the report' },
  reportHint: {
    ru: 'Жалобу рассмотрят администраторы школы или классный руководитель.',
    en: 'School administrators or the class teacher will look into it.',
  },
  reportSend: { ru: 'Отправить жалобу', en: 'Send report' },
  done: { ru: 'Готово', en: 'Done' },
  reportSent: {
    ru: 'Жалоба отправлена. Её рассмотрят администраторы школы или классный руководитель.',
    en: 'Report sent. School administrators or the class teacher will look into it.',
  },
  moderate: { ru: 'Модерация: {name}', en: 'Moderation: {name}' },
  muteFor: { ru: 'Запретить писать', en: 'Mute' },
  mute15: { ru: '15 минут', en: '15 minutes' },
  mute60: { ru: '1 час', en: '1 hour' },
  mute1440: { ru: '1 день', en: '1 day' },
  unmute: { ru: 'Снять запрет', en: 'Unmute' },
  mutedTill: { ru: 'Не может писать до {time}', en: 'Muted until {time}' },
  unmuted: { ru: 'Запрет снят.', en: 'Unmuted.' },
  makeModerator: { ru: 'Сделать модератором', en: 'Make moderator' },
  makeMember: { ru: 'Сделать участником', en: 'Make member' },
  chatSettings: { ru: 'Настройки чата', en: 'Chat settings' },
  moderatorsOnly: { ru: 'Только модераторы пишут', en: 'Only moderators write' },
  moderatorsOnlyHint: {
    ru: 'Остальные участники смогут только читать.',
    en: 'Other members will only be able to read.',
  },
})

export type ModerationKey = keyof typeof moderationTexts.ru
