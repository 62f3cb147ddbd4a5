import type { ChatRestriction, ChatSummary } from '../../lib/api-types'
import { type Problem, problemKind } from '../../lib/problem'
import type { MessageKey } from './texts'

// Chats the school's contact rules no longer allow: read-only for everyone, with the reason said in place of the
// composer. The server refuses a send with the restriction in the problem, and may close the history of such a
// chat to some readers (an adult who is not staff, where a minor is in it).

const restrictions: readonly ChatRestriction[] = ['ContactPolicy', 'Unsupervised']

/** The chat's restriction; None for a chat the server sent without one. */
export function restrictionOf(chat: Pick<ChatSummary, 'restriction'>): ChatRestriction {
  return restrictions.includes(chat.restriction) ? chat.restriction : 'None'
}

/** What the banner in place of the composer says, or null when the chat is not restricted. */
export function restrictionNotice(restriction: ChatRestriction): MessageKey | null {
  switch (restriction) {
    case 'ContactPolicy':
      return 'restrictedContactPolicy'
    case 'Unsupervised':
      return 'restrictedUnsupervised'
    default:
      return null
  }
}

/** The restriction a refusal names (a send, reaction, edit or vote in a chat that has just turned read-only), if any. */
export function refusedRestriction(problem: Problem | null | undefined): ChatRestriction | null {
  if (!problem || problem.status !== 403) return null
  const named = problem.extensions.restriction
  return typeof named === 'string' && restrictions.includes(named as ChatRestriction)
    ? (named as ChatRestriction)
    : null
}

/** Reading the history was refused: the chat is restricted and holds a minor, and I am an adult who is not staff. */
export function isHistoryClosed(problem: Problem | null | undefined): boolean {
  return Boolean(problem && problem.status === 403 && problemKind(problem) === 'chat-history-closed')
}
