// What the sign-in page decides, apart from the page (features/auth/signin.ts): the step after an answer, the errors
// it shows where, and where signing in leads. Plain functions, so they are tested without a browser.
import type { Me } from '../../lib/api-types'
import { landingPath, safeNext } from '../../lib/landing'
import { fieldError, formMessages, problemKind, problemOf } from '../../lib/problem'

/** The fields of the first step, whose errors are shown beside them rather than above the form. */
export const signInFields = ['login', 'password'] as const

/** The server asks for the authenticator code: the next step, not an error. */
export function asksForTotp(error: unknown): boolean {
  return problemOf(error)?.extensions.totpRequired === true
}

export interface ShownErrors {
  /** Above the form (locked out, wrong password, no connection…). */
  form: string[]
  login?: string
  password?: string
  totpCode?: string
}

/** Where a failed sign-in says what went wrong: a wrong code beside the code field, asking for it nowhere. */
export function shownErrors(error: unknown): ShownErrors {
  if (!error) return { form: [] }
  const problem = problemOf(error)
  const kind = problem ? problemKind(problem) : undefined
  if (kind === 'totp-required') return { form: [] }
  if (kind === 'totp-wrong') return { form: [], totpCode: problem?.title }
  return {
    form: formMessages(error, signInFields),
    login: fieldError(error, 'login'),
    password: fieldError(error, 'password'),
  }
}

/** Where signing in leads: back to the page that sent here (same site only), else the person's landing page. */
export function destination(next: string | null, me: Me | null): string {
  return next ? safeNext(next) : landingPath(me)
}

/** Where "Войти через …" goes: a navigation to the provider, which sends the browser back to /external. */
export function externalSignInUrl(provider: string): string {
  return `/api/v1/auth/external/${encodeURIComponent(provider)}/start?purpose=sign-in`
}
