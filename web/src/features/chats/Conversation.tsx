import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import { Link } from 'react-router-dom'
import type { ChatSummary, Message, ReplyPreview } from '../../lib/api-types'
import { formatDay, isSameDay } from '../../lib/format'
import { useHubEvent, useHubState } from '../../lib/hub'
import { useT } from '../../lib/i18n'
import { type Language, useLanguage } from '../../lib/language'
import { commonTexts } from '../../lib/texts'
import { ErrorMessage, Loading } from '../../lib/ui'
import { Composer } from './Composer'
import { MembersPanel } from './MembersPanel'
import { MessageItem, type MessageMode, PendingItem } from './MessageItem'
import { useHistory, useMarkRead, useMessageWindow, useSend } from './messages-api'
import { chatTexts } from './texts'
import { chatTitle, previewText } from './titles'
import { useTyping } from './typing'
import { type LogView, VirtualLog, type VirtualLogHandle } from './VirtualLog'
import type { MessageWindow, PendingMessage } from './window'

type Row =
  | { kind: 'top'; more: boolean }
  | { kind: 'unread' }
  | { kind: 'message'; message: Message; showSender: boolean; day: string | null }
  | { kind: 'pending'; pending: PendingMessage }

const rowKey = (row: Row) => (row.kind === 'message' ? row.message.id : row.kind === 'pending' ? `pending:${row.pending.clientId}` : row.kind)
const senderGapMs = 10 * 60_000
const readDelayMs = 500

function buildRows(held: MessageWindow, firstUnreadSeq: number | null, language: Language): Row[] {
  const rows: Row[] = [{ kind: 'top', more: held.hasMoreBefore }]
  let previous: Message | undefined
  for (const message of held.items) {
    if (message.seq === firstUnreadSeq) rows.push({ kind: 'unread' })
    const day = !previous || !isSameDay(previous.createdAt, message.createdAt) ? formatDay(message.createdAt, language) : null
    const showSender = !previous || previous.senderId !== message.senderId || day !== null
      || Date.parse(message.createdAt) - Date.parse(previous.createdAt) > senderGapMs
    rows.push({ kind: 'message', message, showSender, day })
    previous = message
  }
  for (const pending of held.pending) rows.push({ kind: 'pending', pending })
  return rows
}

function seqNear(rows: Row[], index: number, step: 1 | -1): number | null {
  for (let i = index; i >= 0 && i < rows.length; i += step) {
    const row = rows[i]
    if (row.kind === 'message') return row.message.seq
  }
  return null
}

interface Props {
  schoolId: string
  chat: ChatSummary
  myId: string
}

export function Conversation({ schoolId, chat, myId }: Props) {
  const t = useT(chatTexts)
  const common = useT(commonTexts)
  const language = useLanguage()
  const titleId = useId()
  const panelId = useId()
  const title = chatTitle(chat, t)
  const held = useMessageWindow(schoolId, chat.id)
  const history = useHistory(schoolId, chat.id, myId)
  const { send, retry, discard } = useSend(schoolId, chat.id, myId)
  const markRead = useMarkRead(schoolId, chat.id, myId)
  const hub = useHubState()
  const typing = useTyping().get(chat.id)
  const log = useRef<VirtualLogHandle>(null)

  // Where the unread part began when the chat was opened: the divider stays there while the chat is open.
  const [firstUnreadSeq] = useState(() => (chat.unreadCount > 0 && chat.lastReadSeq < chat.lastSeq ? chat.lastReadSeq + 1 : null))
  const [view, setView] = useState<LogView>({ first: 0, last: 0, atEnd: true })
  const [mode, setMode] = useState<{ id: string; mode: MessageMode } | null>(null)
  const [receiptsOpen, setReceiptsOpen] = useState<ReadonlySet<string>>(new Set())
  const [replyTo, setReplyTo] = useState<ReplyPreview | null>(null)
  const [membersOpen, setMembersOpen] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible')

  const data = held.data
  const rows = useMemo(() => (data ? buildRows(data, firstUnreadSeq, language) : []), [data, firstUnreadSeq, language])
  const lastOwnId = useMemo(() => {
    const items = data?.items ?? []
    for (let i = items.length - 1; i >= 0; i--) if (items[i].senderId === myId) return items[i].id
    return undefined
  }, [data, myId])
  const firstVisibleSeq = seqNear(rows, view.first, 1)
  const lastVisibleSeq = seqNear(rows, view.last, -1)

  useEffect(() => {
    document.title = `${title} · ${common('brand')}`
  }, [title, common])

  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState === 'visible')
    document.addEventListener('visibilitychange', onChange)
    return () => document.removeEventListener('visibilitychange', onChange)
  }, [])

  // Reading: the newest message that has been on screen a moment, while the tab is visible.
  const posted = useRef(0)
  useEffect(() => {
    const seq = lastVisibleSeq
    if (!visible || seq === null || seq <= chat.lastReadSeq || seq <= posted.current) return
    const timer = setTimeout(() => {
      posted.current = seq
      void markRead(seq)
    }, readDelayMs)
    return () => clearTimeout(timer)
  }, [lastVisibleSeq, chat.lastReadSeq, visible, markRead])

  useHubEvent('MessageCreated', (e) => {
    if (e.chatId === chat.id && e.message.senderId !== myId)
      setAnnouncement(t('newMessageFrom', { name: e.message.senderName, text: previewText(e.message, t, 200) }))
  })

  const onView = useCallback((next: LogView) => setView(next), [])

  async function jumpToSeq(seq: number) {
    const id = await history.jumpTo(seq)
    if (seq === firstUnreadSeq) log.current?.scrollToKey('unread')
    else if (id) log.current?.scrollToKey(id)
  }

  async function jumpToLatest() {
    await history.jumpToLatest()
    log.current?.scrollToEnd()
  }

  async function onSend(text: string) {
    const reply = replyTo
    setReplyTo(null)
    if (data?.hasMoreAfter) await history.jumpToLatest()
    send(text, reply)
    log.current?.scrollToEnd()
  }

  function renderRow(row: Row) {
    switch (row.kind) {
      case 'top':
        return <p className="log-edge">{row.more ? (history.loading === 'older' ? t('loadingOlder') : '') : t('beginning')}</p>
      case 'unread':
        return <p className="log-divider unread-divider"><span>{t('unreadDivider')}</span></p>
      case 'pending':
        return <PendingItem pending={row.pending} onRetry={() => retry(row.pending)} onDiscard={() => discard(row.pending.clientId)} />
      case 'message': {
        const m = row.message
        return (
          <>
            {row.day ? <p className="log-divider"><span>{row.day}</span></p> : null}
            <MessageItem
              message={m} chat={chat} schoolId={schoolId} myId={myId} showSender={row.showSender} isLastOwn={m.id === lastOwnId}
              mode={mode?.id === m.id ? mode.mode : null}
              onMode={(next) => setMode(next ? { id: m.id, mode: next } : null)}
              receiptsOpen={receiptsOpen.has(m.id)}
              onToggleReceipts={() => setReceiptsOpen((open) => {
                const next = new Set(open)
                if (!next.delete(m.id)) next.add(m.id)
                return next
              })}
              onReply={() => setReplyTo({ id: m.id, seq: m.seq, senderName: m.senderName, text: m.text.slice(0, 200), deleted: false })}
              onJumpTo={(seq) => void jumpToSeq(seq)}
            />
          </>
        )
      }
    }
  }

  // Shown when the first unread message is off screen: above, or below after scrolling back up into read
  // history. (Reading down through unread messages keeps it just below the view, and then it is not shown.)
  const unreadStart = chat.lastReadSeq + 1
  const showJumpUnread = chat.unreadCount > 0 && firstVisibleSeq !== null && lastVisibleSeq !== null
    && (unreadStart < firstVisibleSeq || chat.lastReadSeq > lastVisibleSeq)
  const showJumpLatest = Boolean(data) && (!view.atEnd || Boolean(data?.hasMoreAfter))
  const typingText = typing?.length
    ? t(typing.length === 1 ? 'typingOne' : 'typingMany', typing.length === 1 ? { name: typing[0] } : { names: typing.join(', ') })
    : ''

  return (
    <section className={membersOpen ? 'conversation conversation-with-panel' : 'conversation'} aria-labelledby={titleId}>
      <header className="conversation-head">
        <Link to={`/school/${schoolId}/chats`} className="back-link"><span aria-hidden="true">← </span>{t('allChats')}</Link>
        <div className="conversation-title">
          <h2 id={titleId}>{title}</h2>
          <p className="muted small-text">{t('memberCount', { count: chat.memberCount })}</p>
        </div>
        <button type="button" className="small" aria-expanded={membersOpen} aria-controls={membersOpen ? panelId : undefined} onClick={() => setMembersOpen((o) => !o)}>
          {t('members')}
        </button>
      </header>
      {hub === 'reconnecting' ? <p className="connection-banner" role="status">{t('offline')}</p> : null}
      <div className="conversation-main">
        <div className="conversation-log">
          {held.isPending ? <Loading /> : held.isError ? <ErrorMessage error={held.error} /> : (
            <VirtualLog
              rows={rows}
              rowKey={rowKey}
              renderRow={renderRow}
              initialKey={firstUnreadSeq !== null && data?.items.some((m) => m.seq === firstUnreadSeq) ? 'unread' : null}
              label={t('history')}
              listLabel={t('messages')}
              onNearStart={history.loadOlder}
              onNearEnd={history.loadNewer}
              onView={onView}
              handle={log}
            />
          )}
          {history.loading === 'older' || history.loading === 'jump' ? <p className="log-loading" role="status">{t('loadingOlder')}</p> : null}
          {history.loading === 'newer' ? <p className="log-loading log-loading-end" role="status">{t('loadingNewer')}</p> : null}
          <div className="jump-buttons">
            {showJumpUnread ? <button type="button" className="small" onClick={() => void jumpToSeq(unreadStart)}>{t('jumpUnread')}</button> : null}
            {showJumpLatest ? (
              <button type="button" className="small" onClick={() => void jumpToLatest()}>
                {t('jumpLatest')}
                {chat.unreadCount > 0 ? <span className="unread-badge" aria-hidden="true">{chat.unreadCount}</span> : null}
              </button>
            ) : null}
          </div>
        </div>
        <p className="typing-line">{typingText}</p>
        <p className="visually-hidden" role="status">{announcement}</p>
        <Composer key={chat.id} chat={chat} schoolId={schoolId} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} onSend={(text) => void onSend(text)} />
      </div>
      {membersOpen ? <MembersPanel id={panelId} schoolId={schoolId} chat={chat} myId={myId} onClose={() => setMembersOpen(false)} /> : null}
    </section>
  )
}
