import { textsByKey } from '../../lib/i18n'
import { words } from '../../lib/words'

export const accountTexts = textsByKey({
  title: words.account,
  profile: { ru: 'Профиль', en: 'Profile' },
  name: { ru: 'Имя', en: 'Name' },
  login: words.login,
  email: words.email,
  phone: words.phone,
  none: { ru: 'не указан', en: 'not set' },
  loginTitle: words.login,
  loginIntro: {
    ru: 'Входить можно по телефону, почте или логину. Логин мы придумали сами — выберите свой, если хотите.',
    en: 'You can sign in with your phone, e-mail or login. We made the login up: choose your own if you like.',
  },
  newLogin: { ru: 'Новый логин', en: 'New login' },
  loginHint: {
    ru: 'От 3 до 64 латинских букв, цифр, точек и дефисов, например anna.petrova.',
    en: '3 to 64 latin letters, digits, dots and dashes, such as anna.petrova.',
  },
  chooseLogin: { ru: 'Сохранить логин', en: 'Save the login' },
  loginChosen: { ru: 'Логин изменён: теперь входите с логином {login}.', en: 'Your login is now {login}.' },
  passwordTitle: { ru: 'Смена пароля', en: 'Change password' },
  currentPassword: { ru: 'Текущий пароль', en: 'Current password' },
  newPassword: { ru: 'Новый пароль', en: 'New password' },
  passwordHint: {
    ru: 'Не короче 8 символов, с буквой и цифрой, не из самых распространённых.',
    en: 'At least 8 characters, with a letter and a digit, not a common one.',
  },
  repeatPassword: { ru: 'Повторите новый пароль', en: 'Repeat the new password' },
  passwordsDiffer: { ru: 'Пароли не совпадают.', en: 'The passwords do not match.' },
  changePassword: { ru: 'Сменить пароль', en: 'Change password' },
  passwordChanged: {
    ru: 'Пароль изменён. На других устройствах нужно войти заново.',
    en: 'Password changed. Other devices will have to sign in again.',
  },
  totpTitle: { ru: 'Двухэтапный вход', en: 'Two-step sign-in' },
  totpIntro: {
    ru: 'Второй шаг входа для сотрудников школы: кроме пароля, код из приложения-аутентификатора на телефоне.',
    en: 'A second sign-in step for school staff: besides the password, a code from an authenticator app on the phone.',
  },
  totpOn: { ru: 'Вход с кодом включён.', en: 'Sign-in with a code is on.' },
  totpOff: { ru: 'Вход с кодом выключен.', en: 'Sign-in with a code is off.' },
  totpStart: { ru: 'Настроить вход с кодом', en: 'Set up sign-in with a code' },
  totpKey: { ru: 'Ключ для приложения', en: 'Key for the app' },
  totpUri: { ru: 'Ссылка otpauth для приложения', en: 'otpauth link for the app' },
  totpSteps: {
    ru: 'Добавьте в приложение-аутентификатор этот ключ (или ссылку), затем введите код, который оно покажет.',
    en: 'Add this key (or link) to your authenticator app, then enter the code it shows.',
  },
  totpCode: { ru: 'Код из приложения', en: 'Authenticator code' },
  totpEnable: { ru: 'Включить', en: 'Turn on' },
  totpEnabled: { ru: 'Вход с кодом включён.', en: 'Sign-in with a code is on.' },
  totpDisable: { ru: 'Отключить вход с кодом', en: 'Turn off sign-in with a code' },
  totpDisabled: { ru: 'Вход с кодом отключён.', en: 'Sign-in with a code is off.' },
  notificationsTitle: { ru: 'Уведомления', en: 'Notifications' },
  notificationsIntro: {
    ru: 'Уведомления на этом устройстве, список устройств, о чём сообщать и рабочие часы.',
    en: 'Notifications on this device, your devices, what to notify about and working hours.',
  },
  notificationsLink: { ru: 'Настройки уведомлений', en: 'Notification settings' },
  sessionsTitle: { ru: 'Выход на всех устройствах', en: 'Sign out everywhere' },
  sessionsIntro: {
    ru: 'Если вы входили с чужого устройства или потеряли телефон, выйдите на всех устройствах сразу. Выйти только здесь можно кнопкой «Выйти» вверху страницы.',
    en: 'If you signed in on someone else’s device or lost your phone, sign out on every device at once. To sign out here only, use “Sign out” at the top of the page.',
  },
  signOutEverywhere: { ru: 'Выйти на всех устройствах', en: 'Sign out everywhere' },
})
