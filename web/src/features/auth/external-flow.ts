// What the page after an external sign-in (/external, ExternalPage.tsx) decides: what a failure before the provider
// answered means, what the server's refusal asks for next, and what was typed to go on with a code or an invite.
// Plain functions, so they are tested without a browser.
import { problemKind, problemOf } from '../../lib/problem'

/** The text for `?error=` (the server's redirect when something went wrong at or before the provider). */
export function reasonKey(reason: string) {
  switch (reason) {
    case 'cancelled':
      return 'reasonCancelled'
    case 'unreachable':
      return 'reasonUnreachable'
    case 'signed_out':
      return 'reasonSignedOut'
    default:
      return 'reasonFailed'
  }
}

/** What a refused completion leads to. */
export type Completion =
  /** The linked account has a second factor: ask for the code (`wrong`: the last one was not right). */
  | { kind: 'totp'; wrong?: string }
  /** Nobody has linked this identity: go on with an activation code or an invite, or sign in with a password. */
  | { kind: 'notLinked'; providerName: string }
  /** Nothing more to do here: the server's message, and a way back to where the person came from. */
  | { kind: 'refused'; title: string; back: 'signin' | 'account' }
  /** No answer, or an unexpected one: worth trying again. */
  | { kind: 'failed'; title: string }

const refusals: Record<string, 'signin' | 'account'> = {
  'external-expired': 'signin',
  'locked-out': 'signin',
  // Both come from linking, which the account page started.
  'external-linked-elsewhere': 'account',
  'external-provider-linked': 'account',
}

export function completionOf(error: unknown): Completion {
  const problem = problemOf(error)
  if (!problem) return { kind: 'failed', title: error instanceof Error ? error.message : String(error) }
  const kind = problemKind(problem)
  if (kind === 'totp-wrong') return { kind: 'totp', wrong: problem.title }
  if (kind === 'totp-required' || problem.extensions.totpRequired === true) return { kind: 'totp' }
  if (kind === 'external-not-linked') {
    const name = problem.extensions.providerName
    return { kind: 'notLinked', providerName: typeof name === 'string' ? name : '' }
  }
  if (kind && kind in refusals) return { kind: 'refused', title: problem.title, back: refusals[kind] }
  // Other client errors will not change on a retry either.
  if (problem.status >= 400 && problem.status < 500) return { kind: 'refused', title: problem.title, back: 'signin' }
  return { kind: 'failed', title: problem.title }
}

const tokenPattern = /^[A-Za-z0-9_-]{8,}$/

/** The token of an invite from its link (`https://school.example/join/<token>`, with or without the host) or itself. */
export function inviteToken(text: string): string | null {
  const value = text.trim()
  const fromLink = /(?:^|\/)join\/([A-Za-z0-9_-]+)(?:[/?#]|$)/.exec(value)?.[1]
  const token = fromLink ?? value
  return tokenPattern.test(token) ? token : null
}

/** The activation code as typed, or taken from the activation link (`…/activate?code=XXXX-XXXX-XXXX`). */
export function activationCode(text: string): string | null {
  const value = text.trim()
  const fromLink = /[?&]code=([^&#\s]+)/.exec(value)?.[1]
  const code = fromLink ? decodeURIComponent(fromLink) : value
  return code ? code : null
}
