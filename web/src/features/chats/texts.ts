import { textsByKey } from '../../lib/i18n'
import { words } from '../../lib/words'

/**
 * The chats screen: the list, new chats, the head of a conversation and members panel. Each key's Russian
 * and English side by side.
 */
export const chatTexts = textsByKey({
  title: words.chats,
  chatList: { ru: 'Список чатов', en: 'Chat list' },
  noChats: { ru: 'Чатов пока нет.', en: 'No chats yet.' },
  chooseChat: { ru: 'Выберите чат в списке слева.', en: 'Choose a chat from the list.' },
  allChats: { ru: 'Все чаты', en: 'All chats' },
  classChat: { ru: 'Класс {name}', en: 'Class {name}' },
  parentsChat: { ru: 'Родители {name}', en: 'Parents of {name}' },
  staffChat: { ru: 'Учительская', en: 'Staff room' },
  announcements: { ru: 'Объявления', en: 'Announcements' },
  unnamed: { ru: 'Без названия', en: 'Untitled' },
  you: words.you,
  unread: { ru: '{count} непрочитанных', en: '{count} unread' },
  noMessagesYet: { ru: 'Сообщений пока нет', en: 'No messages yet' },
  members: { ru: 'Участники', en: 'Members' },
  memberCount: { ru: 'Участников: {count}', en: 'Members: {count}' },
  online: { ru: 'в сети', en: 'online' },
  lastSeen: { ru: 'был(а) в сети {time}', en: 'last seen {time}' },
  membersPanel: { ru: 'Участники чата', en: 'Chat members' },
  closeMembers: { ru: 'Скрыть участников', en: 'Hide members' },
  roleOwner: { ru: 'Владелец', en: 'Owner' },
  roleModerator: { ru: 'Модератор', en: 'Moderator' },
  roleMember: { ru: 'Участник', en: 'Member' },
  offline: {
    ru: 'Нет соединения с сервером. Переподключаемся… Сообщения появятся, когда связь вернётся.',
    en: 'No connection to the server. Reconnecting… Messages will appear when the connection is back.',
  },
  removedFromChat: { ru: 'Вы больше не участник этого чата.', en: 'You are no longer a member of this chat.' },
  cancel: words.cancel,
  restrictedMarker: { ru: 'только чтение', en: 'read-only' },
  write: { ru: 'Написать', en: 'New message' },
  newGroup: { ru: 'Новая группа', en: 'New group' },
  writeTitle: { ru: 'Кому написать', en: 'Who to write to' },
  search: { ru: 'Поиск по имени', en: 'Search by name' },
  noContacts: { ru: 'Никого не нашлось.', en: 'Nobody found.' },
  tooManyContacts: {
    ru: 'Показаны первые {shown} из {total}. Уточните поиск.',
    en: 'Showing the first {shown} of {total}. Narrow the search.',
  },
  groupTitle: { ru: 'Название группы', en: 'Group name' },
  groupMembers: { ru: 'Участники группы', en: 'Group members' },
  selected: { ru: 'Выбрано: {count}', en: 'Selected: {count}' },
  createGroup: { ru: 'Создать группу', en: 'Create group' },
  addMembers: { ru: 'Добавить участников', en: 'Add members' },
  add: { ru: 'Добавить', en: 'Add' },
  removeMember: { ru: 'Убрать из чата: {name}', en: 'Remove from chat: {name}' },
  removeShort: words.remove,
  leave: { ru: 'Покинуть группу', en: 'Leave group' },
  confirmLeave: {
    ru: 'Покинуть группу? Вернуть вас сможет только модератор.',
    en: 'Leave this group? Only a moderator can bring you back.',
  },
  confirmLeaveYes: { ru: 'Да, покинуть', en: 'Yes, leave' },
  notFound: {
    ru: 'Чат не найден или вы в нём больше не состоите.',
    en: 'Chat not found, or you are no longer a member.',
  },
  forwardTitle: { ru: 'Переслать сообщение', en: 'Forward message' },
  forwardSearch: { ru: 'Поиск чата', en: 'Find a chat' },
  forwardNone: { ru: 'Нет чатов, куда можно написать.', en: 'There are no chats you can write to.' },
  forwardedTo: { ru: 'Сообщение переслано: {chat}.', en: 'Message forwarded: {chat}.' },
  dismiss: words.dismiss,
  moderate: { ru: 'Модерация: {name}', en: 'Moderation: {name}' },
  moderateShort: { ru: 'Модерация', en: 'Moderation' },
})

export type ChatKey = keyof typeof chatTexts.ru
