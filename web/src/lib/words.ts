// Words several screens say alike, written once: a feature's catalogue names them (`cancel: words.cancel`), so its
// keys stay its own while the Russian and English live here. Plain data: the sign-in page imports it without React.

export const words = {
  cancel: { ru: 'Отмена', en: 'Cancel' },
  login: { ru: 'Логин', en: 'Login' },
  dismiss: { ru: 'Скрыть', en: 'Dismiss' },
  role: { ru: 'Роль', en: 'Role' },
  password: { ru: 'Пароль', en: 'Password' },
  activationCode: { ru: 'Код активации', en: 'Activation code' },
  signIn: { ru: 'Войти', en: 'Sign in' },
  email: { ru: 'E-mail', en: 'E-mail' },
  phone: { ru: 'Телефон', en: 'Phone' },
  save: { ru: 'Сохранить', en: 'Save' },
  remove: { ru: 'Убрать', en: 'Remove' },
  fullName: { ru: 'Полное название', en: 'Full name' },
  school: { ru: 'Школа', en: 'School' },
  chats: { ru: 'Чаты', en: 'Chats' },
  account: { ru: 'Учётная запись', en: 'Account' },
  close: { ru: 'Закрыть', en: 'Close' },
  you: { ru: 'Вы', en: 'You' },
  accept: { ru: 'Принять', en: 'Accept' },
  decline: { ru: 'Отклонить', en: 'Decline' },
  // Calls: the call screen and the notes calls leave in the chat.
  call: { ru: 'Звонок', en: 'Call' },
  videoCall: { ru: 'Видеозвонок', en: 'Video call' },
  callEnded: { ru: 'Звонок завершён', en: 'Call ended' },
  callDeclined: { ru: 'Звонок отклонён', en: 'Call declined' },
  missedCall: { ru: 'Пропущенный звонок', en: 'Missed call' },
  // An activation or an invite that follows an external sign-in linked to nobody (`?link=1`).
  externalWillLink: {
    ru: 'После этого вход через {providerName} будет связан с учётной записью.',
    en: 'Signing in with {providerName} will then be linked to the account.',
  },
  externalExpired: {
    ru: 'Вход через внешний сервис устарел: после активации свяжите его в профиле.',
    en: 'The sign-in with the other service has expired: link it in your account after activating.',
  },
} satisfies Record<string, { ru: string; en: string }>
