import { textsByKey } from '../../lib/i18n'
import { words } from '../../lib/words'

export const joinTexts = textsByKey({
  title: { ru: 'Приглашение в Сферу', en: 'Invitation to Sfera' },
  inviteStudent: { ru: '«{school}» приглашает вас как ученика', en: '“{school}” invites you as a student' },
  inviteStudentClass: {
    ru: '«{school}» приглашает вас как ученика класса {className}',
    en: '“{school}” invites you as a student of class {className}',
  },
  inviteParent: {
    ru: '«{school}» приглашает вас как родителя ученика класса {className}',
    en: '“{school}” invites you as a parent of a student of class {className}',
  },
  inviteParentOf: {
    ru: '«{school}» приглашает вас как родителя: {child}, класс {className}',
    en: '“{school}” invites you as a parent of {child}, class {className}',
  },
  inviteParentNoClass: { ru: '«{school}» приглашает вас как родителя', en: '“{school}” invites you as a parent' },
  inviteTeacher: { ru: '«{school}» приглашает вас как учителя', en: '“{school}” invites you as a teacher' },
  inviteStaff: { ru: '«{school}» приглашает вас как сотрудника', en: '“{school}” invites you as a staff member' },
  inviteAdmin: { ru: '«{school}» приглашает вас как администратора', en: '“{school}” invites you as an administrator' },
  signedInAs: { ru: 'Вы вошли как {name}.', en: 'You are signed in as {name}.' },
  join: { ru: 'Присоединиться', en: 'Join' },
  childName: { ru: 'Имя и фамилия вашего ребёнка', en: 'Your child’s full name' },
  childNameHint: {
    ru: 'Классный руководитель найдёт ребёнка в классе и свяжет вас с ним. Если детей в классе несколько, перечислите всех.',
    en: 'The class teacher finds your child in the class and links you. If you have several children in the class, name them all.',
  },
  registerTitle: { ru: 'Новая учётная запись', en: 'New account' },
  displayName: { ru: 'Имя и фамилия', en: 'Full name' },
  login: { ru: 'Логин, телефон или e-mail', en: 'Login, phone or e-mail' },
  loginHint: { ru: 'По нему вы будете входить в Сферу.', en: 'You will use it to sign in to Sfera.' },
  password: words.password,
  passwordHint: {
    ru: 'Не короче 8 символов, с буквой и цифрой, не из самых распространённых.',
    en: 'At least 8 characters, with a letter and a digit, not a common one.',
  },
  register: { ru: 'Зарегистрироваться', en: 'Sign up' },
  haveAccount: { ru: 'Уже есть учётная запись?', en: 'Already have an account?' },
  signInFirst: { ru: 'Войти и присоединиться', en: 'Sign in and join' },
  checkTitle: { ru: 'Проверьте данные', en: 'Check your details' },
  checkDetails: {
    ru: 'Войти с этими данными не получилось. Если у вас уже есть учётная запись с этим телефоном или почтой, войдите в неё и снова откройте ссылку.',
    en: 'Signing in with these details did not work. If you already have an account with this phone or e-mail, sign in with it and open the link again.',
  },
  doneTitle: { ru: 'Заявка отправлена', en: 'Request sent' },
  doneClass: {
    ru: 'Заявка отправлена. Дождитесь подтверждения классного руководителя.',
    en: 'Request sent, waiting for the class teacher’s approval.',
  },
  doneSchool: {
    ru: 'Заявка отправлена. Дождитесь подтверждения администратора школы.',
    en: 'Request sent, waiting for the school administrator’s approval.',
  },
  homeLink: { ru: 'На главную', en: 'Go home' },
  externalWillLink: words.externalWillLink,
  externalExpired: words.externalExpired,
})
