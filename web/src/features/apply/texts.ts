import { defineTexts } from '../../lib/i18n'

export const applyTexts = defineTexts({
  ru: {
    title: 'Заявка на подключение школы',
    intro:
      'Школа, детский сад, колледж или кружок получает в Сфере своё закрытое пространство. Заявку рассматривает оператор платформы.',
    fullName: 'Полное название',
    fullNameHint: 'Как в уставе организации.',
    shortName: 'Краткое название',
    shortNameHint: 'Так школу увидят ученики и родители, например «Школа № 5».',
    type: 'Тип организации',
    region: 'Регион',
    inn: 'ИНН',
    innHint: '10 или 12 цифр.',
    adminSection: 'Администратор школы в Сфере',
    adminName: 'ФИО администратора',
    adminPhone: 'Телефон администратора',
    adminEmail: 'E-mail администратора',
    adminEmailHint: 'Сюда придёт ссылка для входа после одобрения.',
    adminEmailHintNoMail: 'Для связи с администратором школы.',
    submit: 'Отправить заявку',
    doneTitle: 'Заявка отправлена',
    doneText: 'Спасибо! Оператор рассмотрит заявку. После одобрения администратор получит ссылку для входа на {email}.',
    doneTextNoMail:
      'Спасибо! Оператор рассмотрит заявку и после одобрения сам передаст администратору ссылку для входа: письма эта установка Сферы не отправляет.',
    signInLink: 'На страницу входа',
  },
  en: {
    title: 'Apply to connect a school',
    intro:
      'A school, kindergarten, college or club gets its own closed space in Sfera. The platform operator reviews the application.',
    fullName: 'Full name',
    fullNameHint: 'As in the organisation’s charter.',
    shortName: 'Short name',
    shortNameHint: 'How students and parents will see the school, e.g. “School No. 5”.',
    type: 'Type of organisation',
    region: 'Region',
    inn: 'INN (taxpayer number)',
    innHint: '10 or 12 digits.',
    adminSection: 'The school’s administrator in Sfera',
    adminName: 'Administrator’s full name',
    adminPhone: 'Administrator’s phone',
    adminEmail: 'Administrator’s e-mail',
    adminEmailHint: 'The sign-in link is sent here after approval.',
    adminEmailHintNoMail: 'To reach the school’s administrator.',
    submit: 'Send the application',
    doneTitle: 'Application sent',
    doneText:
      'Thank you! The operator will review the application. Once approved, the administrator gets a sign-in link at {email}.',
    doneTextNoMail:
      'Thank you! The operator will review the application and, once approved, pass the sign-in link to the administrator: this Sfera install sends no e-mail.',
    signInLink: 'Go to sign-in',
  },
})
