import { textsByKey } from '../../lib/i18n'
import { words } from '../../lib/words'

export const setupTexts = textsByKey({
  title: { ru: 'Назначение оператора платформы', en: 'Set up the platform operator' },
  intro: {
    ru: 'Оператор рассматривает заявки школ на подключение. Эта ссылка работает один раз, пока оператора нет.',
    en: 'The operator reviews schools’ applications to connect. This link works once, while there is no operator.',
  },
  linkUsed: {
    ru: 'Эта ссылка уже использована или недействительна: оператор платформы уже назначен. Если это вы, войдите со своим логином.',
    en: 'This link has been used or is not valid: the platform operator already exists. If that is you, sign in with your login.',
  },
  signInLink: words.signIn,
  displayName: { ru: 'Имя и фамилия', en: 'Full name' },
  login: words.login,
  loginHint: {
    ru: 'От 3 до 64 латинских букв, цифр, точек и дефисов.',
    en: '3 to 64 latin letters, digits, dots and dashes.',
  },
  email: words.email,
  password: words.password,
  passwordHint: {
    ru: 'Не короче 8 символов, с буквой и цифрой, не из самых распространённых.',
    en: 'At least 8 characters, with a letter and a digit, not a common one.',
  },
  submit: { ru: 'Стать оператором', en: 'Become the operator' },
})
