import { textsByKey } from './translate'
import { words } from './words'

export const commonTexts = textsByKey({
  brand: { ru: 'Сфера', en: 'Sfera' },
  skipToContent: { ru: 'Перейти к содержимому', en: 'Skip to content' },
  mainNav: { ru: 'Основное меню', en: 'Main menu' },
  menu: { ru: 'Меню', en: 'Menu' },
  waitingCount: {
    ru: '{count, plural, one {# ждёт} few {# ждут} many {# ждут} other {# ждут}} решения',
    en: '{count, plural, one {# waits} other {# wait}} for your decision',
  },
  home: { ru: 'Главная', en: 'Home' },
  account: words.account,
  notifications: { ru: 'Уведомления', en: 'Notifications' },
  operator: { ru: 'Заявки школ', en: 'School applications' },
  signIn: words.signIn,
  signOut: { ru: 'Выйти', en: 'Sign out' },
  language: { ru: 'Язык интерфейса', en: 'Interface language' },
  loading: { ru: 'Загрузка…', en: 'Loading…' },
  saving: { ru: 'Сохранение…', en: 'Saving…' },
  copy: { ru: 'Копировать', en: 'Copy' },
  close: words.close,
  copied: { ru: 'Скопировано', en: 'Copied' },
  copyFailed: {
    ru: 'Не удалось скопировать: выделите ссылку и скопируйте вручную.',
    en: 'Could not copy: select the link and copy it by hand.',
  },
  networkError: {
    ru: 'Нет связи с сервером. Проверьте подключение и попробуйте ещё раз.',
    en: 'No connection to the server. Check your connection and try again.',
  },
  appOffline: {
    ru: 'Нет соединения. Сфера откроется, когда связь вернётся.',
    en: 'No connection. Sfera will open when the connection is back.',
  },
  updateAvailable: { ru: 'Доступна новая версия Сферы.', en: 'A new version of Sfera is available.' },
  updateReload: { ru: 'Обновить', en: 'Reload' },
  serverError: {
    ru: 'Что-то пошло не так (код {status}). Попробуйте ещё раз.',
    en: 'Something went wrong (code {status}). Please try again.',
  },
  screenFailedTitle: { ru: 'Не удалось открыть', en: 'Could not open this' },
  screenFailedText: {
    ru: 'Эта часть Сферы не загрузилась: возможно, пропала связь. Проверьте подключение и обновите страницу.',
    en: 'This part of Sfera did not load: the connection may have dropped. Check your connection and reload the page.',
  },
  notFoundTitle: { ru: 'Страница не найдена', en: 'Page not found' },
  notFoundText: { ru: 'Такой страницы нет. Вернитесь на главную.', en: 'There is no such page. Go back home.' },
  optional: { ru: '(необязательно)', en: '(optional)' },
  roleAdmin: { ru: 'Администратор', en: 'Administrator' },
  roleTeacher: { ru: 'Учитель', en: 'Teacher' },
  roleStaff: { ru: 'Сотрудник', en: 'Staff' },
  roleStudent: { ru: 'Ученик', en: 'Student' },
  roleParent: { ru: 'Родитель', en: 'Parent' },
  typeSchool: words.school,
  typeKindergarten: { ru: 'Детский сад', en: 'Kindergarten' },
  typeCollege: { ru: 'Колледж', en: 'College' },
  typeClub: { ru: 'Кружок или секция', en: 'Club or society' },
})

export type CommonKey = keyof typeof commonTexts.ru
