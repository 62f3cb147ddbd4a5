import { textsByKey } from '../../lib/i18n'
import { words } from '../../lib/words'

/** The notification settings page (/settings/notifications). */
export const notificationTexts = textsByKey({
  title: { ru: 'Уведомления', en: 'Notifications' },
  intro: {
    ru: 'Когда Сфера закрыта, о новых сообщениях, звонках и объявлениях сообщает уведомление на устройстве.',
    en: 'When Sfera is closed, a notification on your device tells you of new messages, calls and announcements.',
  },
  deviceTitle: { ru: 'На этом устройстве', en: 'On this device' },
  unsupported: {
    ru: 'Этот браузер не может получать уведомления от Сферы. Откройте Сферу в Chrome, Firefox, Edge, Яндекс Браузере или Safari.',
    en: 'This browser cannot receive notifications from Sfera. Open Sfera in Chrome, Firefox, Edge, Yandex Browser or Safari.',
  },
  installFirst: {
    ru: 'На iPhone и iPad уведомления приходят, только если Сфера установлена на экран «Домой»: в Safari нажмите «Поделиться» → «На экран „Домой“», откройте Сферу с экрана «Домой» и включите уведомления здесь.',
    en: 'On an iPhone or iPad notifications come only when Sfera is on the home screen: in Safari tap Share → Add to Home Screen, open Sfera from the home screen and turn notifications on here.',
  },
  denied: {
    ru: 'Уведомления для Сферы запрещены в настройках браузера.',
    en: 'Notifications from Sfera are blocked in the browser’s settings.',
  },
  deniedHow: {
    ru: 'Чтобы разрешить их, нажмите на значок слева от адреса сайта (замок или «i»), выберите «Уведомления» → «Разрешить» и обновите страницу. На телефоне: меню браузера → «Настройки» → «Настройки сайтов» → «Уведомления».',
    en: 'To allow them, click the icon left of the site’s address (a lock or “i”), choose Notifications → Allow and reload the page. On a phone: the browser’s menu → Settings → Site settings → Notifications.',
  },
  on: { ru: 'Уведомления на этом устройстве включены.', en: 'Notifications are on on this device.' },
  off: { ru: 'Уведомления на этом устройстве выключены.', en: 'Notifications are off on this device.' },
  enable: { ru: 'Включить уведомления', en: 'Turn notifications on' },
  disable: { ru: 'Выключить на этом устройстве', en: 'Turn off on this device' },
  dismissed: {
    ru: 'Браузер не получил ответа на вопрос о разрешении. Нажмите «Включить уведомления» ещё раз.',
    en: 'The browser got no answer to its permission question. Press “Turn notifications on” again.',
  },
  failed: {
    ru: 'Не удалось включить уведомления. Попробуйте ещё раз позже.',
    en: 'Could not turn notifications on. Try again later.',
  },
  devicesTitle: { ru: 'Устройства', en: 'Devices' },
  devicesIntro: {
    ru: 'Сюда приходят уведомления. Выход из Сферы на устройстве убирает его из списка.',
    en: 'Notifications come to these. Signing out of Sfera on a device removes it from the list.',
  },
  noDevices: { ru: 'Уведомления пока не приходят ни на одно устройство.', en: 'No device receives notifications yet.' },
  thisDevice: { ru: 'Это устройство', en: 'This device' },
  unknownDevice: { ru: 'Устройство', en: 'Device' },
  addedAt: { ru: 'добавлено {date}', en: 'added {date}' },
  lastSent: { ru: 'последнее уведомление {date}', en: 'last notification {date}' },
  remove: { ru: 'Удалить', en: 'Remove' },
  removeLabel: { ru: 'Удалить: {device}', en: 'Remove: {device}' },
  kindsTitle: { ru: 'О чём сообщать', en: 'What to notify about' },
  messages: { ru: 'Новые сообщения', en: 'New messages' },
  mentions: { ru: 'Упоминания и просьбы подтвердить прочтение', en: 'Mentions and requests to confirm reading' },
  calls: { ru: 'Звонки', en: 'Calls' },
  announcements: { ru: 'Объявления', en: 'Announcements' },
  kindsHint: {
    ru: 'Отдельный чат можно заглушить в его заголовке: кнопка «Уведомления чата».',
    en: 'To mute one chat, use the “Chat notifications” button in its header.',
  },
  workTitle: { ru: 'Рабочие часы', en: 'Working hours' },
  workOn: { ru: 'Уведомлять только в рабочее время', en: 'Notify only during working hours' },
  workHint: {
    ru: 'Вне рабочего времени сообщения приходят, а уведомления о них ждут начала рабочего дня. Отправитель видит, когда вы их получите.',
    en: 'Outside working hours messages arrive, but their notifications wait for the working day. Senders see when you will get them.',
  },
  workStart: { ru: 'Начало рабочего дня', en: 'Working day starts' },
  workEnd: { ru: 'Конец рабочего дня', en: 'Working day ends' },
  workDays: { ru: 'Рабочие дни', en: 'Working days' },
  day1: { ru: 'Понедельник', en: 'Monday' },
  day2: { ru: 'Вторник', en: 'Tuesday' },
  day3: { ru: 'Среда', en: 'Wednesday' },
  day4: { ru: 'Четверг', en: 'Thursday' },
  day5: { ru: 'Пятница', en: 'Friday' },
  day6: { ru: 'Суббота', en: 'Saturday' },
  day7: { ru: 'Воскресенье', en: 'Sunday' },
  save: words.save,
  saved: { ru: 'Сохранено.', en: 'Saved.' },
})

export type NotificationKey = keyof typeof notificationTexts.ru
