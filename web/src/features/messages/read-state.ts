import type { ChatKind, ChatSummary, Message } from '../../lib/api-types'
import type { PendingMessage } from './window'

/** Where one of my messages is: on its way, refused or lost on the way, stored, read by the other side. */
export type MessageState = 'sending' | 'failed' | 'sent' | 'read'

/** A stored message of mine is read once another member's read mark has reached it. */
export function storedState(message: Pick<Message, 'seq'>, chat: Pick<ChatSummary, 'othersReadSeq'>): 'sent' | 'read' {
  return (chat.othersReadSeq ?? 0) >= message.seq ? 'read' : 'sent'
}

export function pendingState(pending: Pick<PendingMessage, 'status'>): 'sending' | 'failed' {
  return pending.status
}

/** What the state is called: "read" means the other person in a personal chat, at least one member in a group. */
export function stateTextKey(state: MessageState, kind: ChatKind) {
  switch (state) {
    case 'sending':
      return 'statusSending' as const
    case 'failed':
      return 'statusFailed' as const
    case 'sent':
      return 'statusSent' as const
    case 'read':
      return kind === 'Personal' ? ('statusRead' as const) : ('statusReadBySome' as const)
  }
}

/** Another member read further (ReadUpdated): my messages up to there now show as read. Never moves back. */
export function chatsWithOthersRead(chats: ChatSummary[], chatId: string, readSeq: number): ChatSummary[] {
  return chats.map((c) => (c.id === chatId && readSeq > (c.othersReadSeq ?? 0) ? { ...c, othersReadSeq: readSeq } : c))
}
