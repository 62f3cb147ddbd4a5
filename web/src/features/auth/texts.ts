import { textsByKey } from '../../lib/translate'
import { words } from '../../lib/words'

export const authTexts = textsByKey({
  signInTitle: { ru: 'Вход в Сферу', en: 'Sign in to Sfera' },
  login: words.login,
  loginHint: { ru: 'Телефон, e-mail или логин', en: 'Phone, e-mail or login name' },
  password: words.password,
  totpCode: { ru: 'Код из приложения', en: 'Authenticator code' },
  totpHint: {
    ru: 'Шестизначный код из приложения-аутентификатора.',
    en: 'The six-digit code from your authenticator app.',
  },
  submit: words.signIn,
  otherAccount: { ru: 'Сменить логин', en: 'Use another login' },
  applyLink: { ru: 'Подать заявку на подключение школы', en: 'Apply to connect a school' },
  activateLink: { ru: 'У меня есть код активации', en: 'I have an activation code' },
  or: { ru: 'или', en: 'or' },
  signInWith: { ru: 'Войти через {name}', en: 'Sign in with {name}' },
  forgotLinked: {
    ru: 'Забыли пароль? Войдите через связанный {name} и задайте новый в профиле — или попросите классного руководителя или администратора школы о новом коде активации.',
    en: 'Forgot your password? Sign in with your linked {name} and set a new one in your account, or ask your class teacher or the school administrator for a new activation code.',
  },
  forgot: {
    ru: 'Забыли пароль? Попросите классного руководителя или администратора школы о новом коде активации.',
    en: 'Forgot your password? Ask your class teacher or the school administrator for a new activation code.',
  },
  activateTitle: { ru: 'Задайте пароль', en: 'Set your password' },
  activateIntro: {
    ru: 'Введите одноразовый код, который вам выдала школа, и придумайте пароль.',
    en: 'Enter the one-time code your school gave you and choose a password.',
  },
  code: words.activationCode,
  codeHint: { ru: 'Вида XXXX-XXXX-XXXX', en: 'Looks like XXXX-XXXX-XXXX' },
  newPassword: { ru: 'Новый пароль', en: 'New password' },
  passwordHint: {
    ru: 'Не короче 8 символов, с буквой и цифрой, не из самых распространённых.',
    en: 'At least 8 characters, with a letter and a digit, not a common one.',
  },
  repeatPassword: { ru: 'Повторите пароль', en: 'Repeat the password' },
  passwordsDiffer: { ru: 'Пароли не совпадают.', en: 'The passwords do not match.' },
  activateSubmit: { ru: 'Задать пароль', en: 'Set password' },
  externalWillLink: words.externalWillLink,
  externalExpired: words.externalExpired,
})
