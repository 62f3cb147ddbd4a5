// The page after an external sign-in (/external): its own catalogue, apart from texts.ts, which the sign-in page
// (no React, a few KiB) loads.
import { textsByKey } from '../../lib/i18n'
import { words } from '../../lib/words'

export const externalTexts = textsByKey({
  title: { ru: 'Вход через внешний сервис', en: 'Sign-in with another service' },
  reasonCancelled: { ru: 'Вход через внешний сервис отменён.', en: 'Signing in with the other service was cancelled.' },
  reasonUnreachable: {
    ru: 'Сервис входа сейчас недоступен. Попробуйте позже или войдите по паролю.',
    en: 'The sign-in service cannot be reached now. Try again later or sign in with your password.',
  },
  reasonFailed: {
    ru: 'Не удалось проверить ответ сервиса входа. Начните заново.',
    en: 'The sign-in service’s answer could not be checked. Please start again.',
  },
  reasonSignedOut: {
    ru: 'Чтобы связать вход, сначала войдите в Сферу.',
    en: 'To link a sign-in, first sign in to Sfera.',
  },
  toSignIn: { ru: 'На страницу входа', en: 'To the sign-in page' },
  toAccount: { ru: 'В учётную запись', en: 'To your account' },
  tryAgain: { ru: 'Попробовать снова', en: 'Try again' },
  totpIntro: {
    ru: 'В учётной записи включён двухэтапный вход: введите код из приложения-аутентификатора.',
    en: 'This account has two-step sign-in: enter the code from your authenticator app.',
  },
  totpCode: { ru: 'Код из приложения', en: 'Authenticator code' },
  signIn: words.signIn,
  notLinkedTitle: {
    ru: 'Этот {providerName} ещё не связан со Сферой',
    en: 'This {providerName} is not linked to Sfera yet',
  },
  notLinkedText: {
    ru: 'Мы ничего не создали. Если у вас есть код активации от школы или ссылка-приглашение, продолжите — и вход через {providerName} будет связан с новой учётной записью. Если учётная запись у вас уже есть, войдите по паролю и свяжите вход в профиле.',
    en: 'We have created nothing. If you have an activation code from your school or an invite link, go on, and signing in with {providerName} will be linked to the new account. If you already have an account, sign in with your password and link the sign-in in your account.',
  },
  code: words.activationCode,
  codeHint: {
    ru: 'Вида XXXX-XXXX-XXXX, или ссылка активации целиком.',
    en: 'Looks like XXXX-XXXX-XXXX, or the whole activation link.',
  },
  codeMissing: { ru: 'Введите код активации.', en: 'Enter the activation code.' },
  withCode: { ru: 'Продолжить с кодом', en: 'Continue with the code' },
  invite: { ru: 'Ссылка-приглашение', en: 'Invite link' },
  inviteHint: {
    ru: 'Ссылка из сообщения школы, вида https://…/join/…',
    en: 'The link from the school’s message, like https://…/join/…',
  },
  inviteWrong: {
    ru: 'Это не похоже на ссылку-приглашение. Скопируйте её целиком.',
    en: 'This does not look like an invite link. Copy the whole of it.',
  },
  withInvite: { ru: 'Продолжить по приглашению', en: 'Continue with the invite' },
  withPassword: { ru: 'Войти по паролю', en: 'Sign in with a password' },
  cancel: words.cancel,
})
