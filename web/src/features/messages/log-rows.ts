import type { Message } from '../../lib/api-types'
import { formatDay, isSameDay } from '../../lib/format'
import type { Language } from '../../lib/language'
import type { MessageWindow, PendingMessage } from './window'

// The rows of a conversation's log: the edge, the unread divider, messages (with day dividers and sender names where
// the sender changes, after a call's note, or when time passes), and my messages on their way.

export type Row =
  | { kind: 'top'; more: boolean }
  | { kind: 'unread' }
  | { kind: 'message'; message: Message; showSender: boolean; day: string | null }
  | { kind: 'pending'; pending: PendingMessage }

export const rowKey = (row: Row) =>
  row.kind === 'message' ? row.message.id : row.kind === 'pending' ? `pending:${row.pending.clientId}` : row.kind
/** Past this pause the sender's name shows again. */
const senderGapMs = 10 * 60_000

export function buildRows(held: MessageWindow, firstUnreadSeq: number | null, language: Language): Row[] {
  const rows: Row[] = [{ kind: 'top', more: held.hasMoreBefore }]
  let previous: Message | undefined
  for (const message of held.items) {
    if (message.seq === firstUnreadSeq) rows.push({ kind: 'unread' })
    const day =
      !previous || !isSameDay(previous.createdAt, message.createdAt) ? formatDay(message.createdAt, language) : null
    const showSender =
      !previous ||
      previous.senderId !== message.senderId ||
      Boolean(previous.call) ||
      day !== null ||
      Date.parse(message.createdAt) - Date.parse(previous.createdAt) > senderGapMs
    rows.push({ kind: 'message', message, showSender, day })
    previous = message
  }
  for (const pending of held.pending) rows.push({ kind: 'pending', pending })
  return rows
}

export function seqNear(rows: Row[], index: number, step: 1 | -1): number | null {
  for (let i = index; i >= 0 && i < rows.length; i += step) {
    const row = rows[i]
    if (row.kind === 'message') return row.message.seq
  }
  return null
}

export function toggled(set: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(set)
  if (!next.delete(id)) next.add(id)
  return next
}
