import { defineTexts } from '../../lib/i18n'

export const setupTexts = defineTexts({
  ru: {
    title: 'Назначение оператора платформы',
    intro: 'Оператор рассматривает заявки школ на подключение. Эта ссылка работает один раз, пока оператора нет.',
    linkUsed:
      'Эта ссылка уже использована или недействительна: оператор платформы уже назначен. Если это вы, войдите со своим логином.',
    signInLink: 'Войти',
    displayName: 'Имя и фамилия',
    login: 'Логин',
    loginHint: 'От 3 до 64 латинских букв, цифр, точек и дефисов.',
    email: 'E-mail',
    password: 'Пароль',
    passwordHint: 'Не короче 8 символов, с буквой и цифрой, не из самых распространённых.',
    submit: 'Стать оператором',
  },
  en: {
    title: 'Set up the platform operator',
    intro: 'The operator reviews schools’ applications to connect. This link works once, while there is no operator.',
    linkUsed:
      'This link has been used or is not valid: the platform operator already exists. If that is you, sign in with your login.',
    signInLink: 'Sign in',
    displayName: 'Full name',
    login: 'Login',
    loginHint: '3 to 64 latin letters, digits, dots and dashes.',
    email: 'E-mail',
    password: 'Password',
    passwordHint: 'At least 8 characters, with a letter and a digit, not a common one.',
    submit: 'Become the operator',
  },
})
