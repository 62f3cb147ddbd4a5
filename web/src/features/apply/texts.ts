import { textsByKey } from '../../lib/i18n'
import { words } from '../../lib/words'

export const applyTexts = textsByKey({
  title: { ru: 'Заявка на подключение школы', en: 'Apply to connect a school' },
  intro: {
    ru: 'Школа, детский сад, колледж или кружок получает в Сфере своё закрытое пространство. Заявку рассматривает оператор платформы.',
    en: 'A school, kindergarten, college or club gets its own closed space in Sfera. The platform operator reviews the application.',
  },
  fullName: words.fullName,
  fullNameHint: { ru: 'Как в уставе организации.', en: 'As in the organisation’s charter.' },
  shortName: { ru: 'Краткое название', en: 'Short name' },
  shortNameHint: {
    ru: 'Так школу увидят ученики и родители, например «Школа № 5».',
    en: 'How students and parents will see the school, e.g. “School No. 5”.',
  },
  type: { ru: 'Тип организации', en: 'Type of organisation' },
  region: { ru: 'Регион', en: 'Region' },
  inn: { ru: 'ИНН', en: 'INN (taxpayer number)' },
  innHint: { ru: '10 или 12 цифр.', en: '10 or 12 digits.' },
  adminSection: { ru: 'Администратор школы в Сфере', en: 'The school’s administrator in Sfera' },
  adminName: { ru: 'ФИО администратора', en: 'Administrator’s full name' },
  adminPhone: { ru: 'Телефон администратора', en: 'Administrator’s phone' },
  adminEmail: { ru: 'E-mail администратора', en: 'Administrator’s e-mail' },
  adminEmailHint: {
    ru: 'Сюда придёт ссылка для входа после одобрения.',
    en: 'The sign-in link is sent here after approval.',
  },
  adminEmailHintNoMail: { ru: 'Для связи с администратором школы.', en: 'To reach the school’s administrator.' },
  submit: { ru: 'Отправить заявку', en: 'Send the application' },
  doneTitle: { ru: 'Заявка отправлена', en: 'Application sent' },
  doneText: {
    ru: 'Спасибо! Оператор рассмотрит заявку. После одобрения администратор получит ссылку для входа на {email}.',
    en: 'Thank you! The operator will review the application. Once approved, the administrator gets a sign-in link at {email}.',
  },
  doneTextNoMail: {
    ru: 'Спасибо! Оператор рассмотрит заявку и после одобрения сам передаст администратору ссылку для входа: письма эта установка Сферы не отправляет.',
    en: 'Thank you! The operator will review the application and, once approved, pass the sign-in link to the administrator: this Sfera install sends no e-mail.',
  },
  signInLink: { ru: 'На страницу входа', en: 'Go to sign-in' },
})
