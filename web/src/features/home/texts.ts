import { textsByKey } from '../../lib/i18n'
import { words } from '../../lib/words'

export const homeTexts = textsByKey({
  greeting: { ru: 'Здравствуйте, {name}!', en: 'Hello, {name}!' },
  signInWays: { ru: 'Входить можно по {ways}.', en: 'You can sign in with {ways}.' },
  wayPhone: { ru: 'телефону {phone}', en: 'your phone {phone}' },
  wayEmail: { ru: 'почте {email}', en: 'your e-mail {email}' },
  wayLogin: { ru: 'логину {login}', en: 'the login {login}' },
  waysOr: { ru: ' или ', en: ' or ' },
  chooseLogin: { ru: 'Выбрать свой логин', en: 'Choose your own login' },
  waitingRequests: {
    ru: '{count, plural, one {# заявка ждёт} few {# заявки ждут} many {# заявок ждут} other {# заявки ждут}} решения',
    en: '{count, plural, one {# join request waits} other {# join requests wait}} for your decision',
  },
  waitingReports: {
    ru: '{count, plural, one {# жалоба ждёт} few {# жалобы ждут} many {# жалоб ждут} other {# жалобы ждут}} разбора',
    en: '{count, plural, one {# report waits} other {# reports wait}} for review',
  },
  operatorTitle: { ru: 'Оператор платформы', en: 'Platform operator' },
  operatorLink: { ru: 'Заявки школ на подключение', en: 'Schools’ applications to connect' },
  noSchools: {
    ru: 'Вы пока не состоите ни в одной школе. Попросите у классного руководителя или администратора ссылку-приглашение.',
    en: 'You are not in any school yet. Ask your class teacher or the school administrator for an invite link.',
  },
  applyLink: { ru: 'Подключить свою школу', en: 'Connect your school' },
  pendingTitle: { ru: 'Заявки на рассмотрении', en: 'Requests awaiting approval' },
  pending: {
    ru: 'Ваша заявка на вступление в «{school}» ждёт подтверждения.',
    en: 'Your request to join “{school}” is waiting for approval.',
  },
  pendingRole: { ru: 'Роль: {role}', en: 'Role: {role}' },
  pendingClass: { ru: 'класс {className}', en: 'class {className}' },
  invitationsTitle: { ru: 'Приглашения в школы', en: 'Invitations to schools' },
  invitationFrom: { ru: '{type} «{school}» приглашает вас: {role}', en: '{type} “{school}” invites you: {role}' },
  invitationIntro: {
    ru: 'Школа указала ваш телефон или e-mail. Примите приглашение, чтобы войти в школу с этой учётной записью, или отклоните его, если оно не для вас.',
    en: 'A school entered your phone number or e-mail. Accept the invitation to join the school with this account, or decline it if it is not meant for you.',
  },
  invitationDate: { ru: 'Приглашение от {date}', en: 'Invited on {date}' },
  accept: words.accept,
  decline: words.decline,
  acceptLabel: { ru: 'Принять приглашение: {school}', en: 'Accept the invitation: {school}' },
  declineLabel: { ru: 'Отклонить приглашение: {school}', en: 'Decline the invitation: {school}' },
  declineQuestion: {
    ru: 'Отклонить приглашение «{school}»? Чтобы присоединиться позже, школе придётся пригласить вас снова.',
    en: 'Decline the invitation from “{school}”? To join later, the school will have to invite you again.',
  },
  declineYes: { ru: 'Да, отклонить', en: 'Yes, decline' },
  cancel: words.cancel,
  accepted: {
    ru: 'Вы присоединились к «{school}». Школа и её чаты появились ниже.',
    en: 'You have joined “{school}”. The school and its chats are shown below.',
  },
  declined: { ru: 'Приглашение «{school}» отклонено.', en: 'The invitation from “{school}” was declined.' },
  school: words.school,
  yourRoles: { ru: 'Ваши роли', en: 'Your roles' },
  classLabel: { ru: 'класс {className}', en: 'class {className}' },
  chats: words.chats,
  journal: { ru: 'Журнал', en: 'Journal' },
  diary: { ru: 'Дневник', en: 'Diary' },
  newTab: { ru: 'откроется в новой вкладке', en: 'opens in a new tab' },
  noJournal: {
    ru: 'Школа ещё не указала ссылку на электронный журнал.',
    en: 'The school has not added a link to its e-journal yet.',
  },
  adminLink: { ru: 'Управление школой', en: 'Manage the school' },
  classTeacherLink: { ru: 'Приглашения и заявки моего класса', en: 'My class’s invites and requests' },
  parentInviteTitle: { ru: 'Родители', en: 'Parents' },
  parentInviteIntro: {
    ru: 'Пригласите маму, папу или другого законного представителя: по ссылке они попросят связать их с вами, а классный руководитель подтвердит.',
    en: 'Invite your mother, father or another legal guardian: the link lets them ask to be linked to you, and your class teacher confirms.',
  },
  parentInviteButton: { ru: 'Пригласить родителя', en: 'Invite my parent' },
  parentInviteLink: { ru: 'Ссылка для родителя', en: 'Link for your parent' },
  copyLink: { ru: 'Скопировать ссылку', en: 'Copy the link' },
  copied: { ru: 'Ссылка скопирована.', en: 'The link is copied.' },
  copyFailed: {
    ru: 'Не удалось скопировать: выделите ссылку и скопируйте вручную.',
    en: 'Could not copy: select the link and copy it by hand.',
  },
  parentInviteQr: { ru: 'QR-код ссылки для родителя', en: 'QR code of the link for your parent' },
  parentInviteTerms: {
    ru: 'Действует до {date}, можно использовать {uses, plural, one {# раз} few {# раза} many {# раз} other {# раза}}. Не открывайте ссылку сами — передайте её родителю.',
    en: 'Valid until {date}, can be used {uses, plural, one {# time} other {# times}}. Do not open it yourself: give it to your parent.',
  },
  share: { ru: 'Поделиться', en: 'Share' },
  shareTitle: { ru: 'Приглашение в Сферу', en: 'An invitation to Sfera' },
  shareText: { ru: 'Ссылка, чтобы стать в Сфере моим родителем', en: 'A link to become my parent in Sfera' },
})

export type HomeKey = keyof typeof homeTexts.ru
