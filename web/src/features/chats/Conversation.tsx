import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import type { ChatSummary, FileResponse, Message, ReplyPreview } from '../../lib/api-types'
import { formatTime } from '../../lib/format'
import { useHubEvent, useHubState } from '../../lib/hub'
import { useT } from '../../lib/i18n'
import { type Language, useLanguage } from '../../lib/language'
import { type Problem, problemOf } from '../../lib/problem'
import { useSchool } from '../../lib/session'
import { ErrorMessage, Loading } from '../../lib/ui'
import { useChatDetail, usePins } from './api'
import { Composer } from './Composer'
import { ConversationHead } from './ConversationHead'
import { dismissReminder, useReminders } from './confirmations'
import { useFileDrop } from './file-drop'
import { MembersPanel } from './MembersPanel'
import { ImageViewer } from './MessageAttachments'
import { ForwardDialog, ReportDialog } from './MessageDialogs'
import { MessageItem } from './MessageItem'
import type { MessageMode } from './MessageMenu'
import { buildRows, type Row, rowKey, seqNear, toggled } from './log-rows'
import { useHistory, useMarkRead, useMessageWindow, useSend } from './messages-api'
import { PendingItem } from './PendingItem'
import { PinnedBar } from './PinnedBar'
import { PollDialog } from './PollDialog'
import { isHistoryClosed, restrictionOf } from './restriction'
import { HistoryClosed, RestrictionBanner } from './RestrictionBanner'
import { chatTexts } from './texts'
import { chatTitle, previewText } from './titles'
import { useTyping } from './typing'
import { type LogView, VirtualLog, type VirtualLogHandle } from './VirtualLog'
import type { SendExtras } from './window'

const readDelayMs = 500

/** What to say when sending was refused because of me: muted (until when, when the server says), or read-only. */
function refusalText(problem: Problem | null, t: (key: 'mutedUntil', params: { time: string }) => string, language: Language): string | null {
  if (!problem) return null
  const until = problem.extensions.mutedUntil
  if (typeof until === 'string' && !Number.isNaN(Date.parse(until))) return `${t('mutedUntil', { time: formatTime(until, language) })} ${problem.title}`
  return problem.title
}

interface Props {
  schoolId: string
  chat: ChatSummary
  myId: string
}

export function Conversation({ schoolId, chat, myId }: Props) {
  const t = useT(chatTexts)
  const language = useLanguage()
  const titleId = useId()
  const panelId = useId()
  const title = chatTitle(chat, t)
  const restriction = restrictionOf(chat)
  const held = useMessageWindow(schoolId, chat.id)
  const history = useHistory(schoolId, chat.id, myId)
  const { send, retry, discard, refusal } = useSend(schoolId, chat.id, myId)
  const detail = useChatDetail(schoolId, chat.id)
  const school = useSchool(schoolId)
  const pins = usePins(schoolId, chat.id)
  const reminders = useReminders(chat.id)
  const [searchParams, setSearchParams] = useSearchParams()
  const at = Number(searchParams.get('at')) || null
  const markRead = useMarkRead(schoolId, chat.id, myId)
  const hub = useHubState()
  const typing = useTyping().get(chat.id)
  const log = useRef<VirtualLogHandle>(null)
  const returnFocus = useRef<HTMLElement | null>(null)

  // Where the unread part began when the chat was opened: the divider stays there while the chat is open.
  const [firstUnreadSeq] = useState(() => (chat.unreadCount > 0 && chat.lastReadSeq < chat.lastSeq ? chat.lastReadSeq + 1 : null))
  const [view, setView] = useState<LogView>({ first: 0, last: 0, atEnd: true })
  const [mode, setMode] = useState<{ id: string; mode: MessageMode } | null>(null)
  const [receiptsOpen, setReceiptsOpen] = useState<ReadonlySet<string>>(new Set())
  const [confirmationsOpen, setConfirmationsOpen] = useState<ReadonlySet<string>>(new Set())
  const [dialog, setDialog] = useState<
    { kind: 'forward' | 'report'; message: Message } | { kind: 'poll' } | { kind: 'image'; images: FileResponse[]; index: number } | null
  >(null)
  const drop = useFileDrop(schoolId, chat.id, chat.canPost && restriction === 'None')
  const [forwardedTo, setForwardedTo] = useState('')
  const [target, setTarget] = useState<string | null>(null)
  const [replyTo, setReplyTo] = useState<ReplyPreview | null>(null)
  const [membersOpen, setMembersOpen] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible')

  const data = held.data
  const rows = useMemo(() => (data ? buildRows(data, firstUnreadSeq, language) : []), [data, firstUnreadSeq, language])
  const members = detail.data?.members
  const memberNames = useMemo(() => new Map((members ?? []).map((m) => [m.accountId, m.displayName])), [members])
  const mentionable = useMemo(() => (members ?? []).filter((m) => m.accountId !== myId), [members, myId])
  const firstVisibleSeq = seqNear(rows, view.first, 1)
  const lastVisibleSeq = seqNear(rows, view.last, -1)

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

  async function jumpToSeq(seq: number, highlight = false) {
    const id = await history.jumpTo(seq)
    if (seq === firstUnreadSeq && !highlight) log.current?.scrollToKey('unread')
    else if (id) log.current?.scrollToKey(id)
    if (highlight && id) setTarget(id)
  }

  // The highlight of a message jumped to fades after a while (the focus stays).
  useEffect(() => {
    if (!target) return
    const timer = setTimeout(() => setTarget(null), 4_000)
    return () => clearTimeout(timer)
  }, [target])

  // "Forwarded to …" says so for a while.
  useEffect(() => {
    if (!forwardedTo) return
    const timer = setTimeout(() => setForwardedTo(''), 8_000)
    return () => clearTimeout(timer)
  }, [forwardedTo])

  // Opened at a message (a search result): ?at=<seq>, once the history has loaded.
  const loaded = held.isSuccess
  useEffect(() => {
    if (!at || !loaded) return
    void jumpToSeq(at, true)
    setSearchParams((params) => {
      params.delete('at')
      return params
    }, { replace: true })
  }, [at, loaded])

  function openDialog(next: NonNullable<typeof dialog>) {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
    setDialog(next)
  }

  /** The dialog leaves the page by unmounting, which does not give the focus back: back to where it was (the menu button). */
  function closeDialog() {
    setDialog(null)
    const back = returnFocus.current
    requestAnimationFrame(() => back?.isConnected && back.focus())
  }

  async function jumpToLatest() {
    await history.jumpToLatest()
    log.current?.scrollToEnd()
  }

  async function onSend(text: string, extras: SendExtras, files?: FileResponse[]) {
    const reply = replyTo
    setReplyTo(null)
    if (data?.hasMoreAfter) await history.jumpToLatest()
    send(text, reply, extras, files)
    log.current?.scrollToEnd()
  }

  async function onPollPublished() {
    closeDialog()
    await history.jumpToLatest()
    log.current?.scrollToEnd()
  }

  const openImage = (images: FileResponse[], index: number) => openDialog({ kind: 'image', images, index })

  function renderRow(row: Row) {
    switch (row.kind) {
      case 'top':
        return <p className="log-edge">{row.more ? (history.loading === 'older' ? t('loadingOlder') : '') : t('beginning')}</p>
      case 'unread':
        return <p className="log-divider unread-divider"><span>{t('unreadDivider')}</span></p>
      case 'pending':
        return <PendingItem pending={row.pending} kind={chat.kind} onRetry={() => retry(row.pending)} onDiscard={() => discard(row.pending.clientId)} onOpenImage={openImage} />
      case 'message': {
        const m = row.message
        return (
          <>
            {row.day ? <p className="log-divider"><span>{row.day}</span></p> : null}
            <MessageItem
              message={m} chat={chat} schoolId={schoolId} myId={myId} showSender={row.showSender}
              mode={mode?.id === m.id ? mode.mode : null}
              onMode={(next) => setMode(next ? { id: m.id, mode: next } : null)}
              receiptsOpen={receiptsOpen.has(m.id)}
              onToggleReceipts={() => setReceiptsOpen((open) => toggled(open, m.id))}
              confirmationsOpen={confirmationsOpen.has(m.id)}
              onToggleConfirmations={() => setConfirmationsOpen((open) => toggled(open, m.id))}
              onReply={() => setReplyTo({ id: m.id, seq: m.seq, senderName: m.senderName, text: m.text ? m.text.slice(0, 200) : previewText(m, t, 200), deleted: false })}
              onForward={() => openDialog({ kind: 'forward', message: m })}
              onReport={() => openDialog({ kind: 'report', message: m })}
              onOpenImage={openImage}
              onJumpTo={(seq) => void jumpToSeq(seq, true)}
              memberNames={memberNames}
              editWindowMinutes={school.data?.editWindowMinutes}
              isTarget={target === m.id}
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
      <ConversationHead chat={chat} schoolId={schoolId} myId={myId} title={title} titleId={titleId} members={detail.data?.members}
        membersOpen={membersOpen} panelId={panelId} onToggleMembers={() => setMembersOpen((o) => !o)} />
      {hub === 'reconnecting' ? <p className="connection-banner" role="status">{t('offline')}</p> : null}
      <div className="conversation-main" {...drop.handlers}>
        {drop.dragging ? <div className="drop-hint" aria-hidden="true"><p>{t('dropHint')}</p></div> : null}
        <PinnedBar pins={pins.data ?? []} onJump={(m) => void jumpToSeq(m.seq, true)} />
        {reminders.map((r) => (
          <div key={r.messageId} className="notice reminder-notice" role="status">
            <p>{t('reminderNotice', { name: r.senderName, text: previewText({ text: r.text, deleted: false }, t, 120) })}</p>
            <div className="actions">
              <button type="button" className="small primary" onClick={() => void jumpToSeq(r.seq, true)}>{t('showMessage')}</button>
              <button type="button" className="small" onClick={() => dismissReminder(chat.id, r.messageId)}>{t('dismiss')}</button>
            </div>
          </div>
        ))}
        <div className="conversation-log">
          {held.isPending ? <Loading /> : held.isError ? (isHistoryClosed(problemOf(held.error)) ? <HistoryClosed /> : <ErrorMessage error={held.error} />) : (
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
        {forwardedTo ? (
          <div className="notice notice-success forwarded-notice" role="status">
            <p>{t('forwardedTo', { chat: forwardedTo })}</p>
            <button type="button" className="small" onClick={() => setForwardedTo('')}>{t('dismiss')}</button>
          </div>
        ) : null}
        {/* A chat the contact rules no longer allow: the reason instead of the composer (its draft is kept for later). */}
        {restriction !== 'None' ? <RestrictionBanner restriction={restriction} /> : (
          <Composer key={chat.id} chat={chat} schoolId={schoolId} myId={myId} replyTo={replyTo} members={mentionable} onCancelReply={() => setReplyTo(null)}
            onSend={(text, extras, files) => void onSend(text, extras, files)} onCreatePoll={() => openDialog({ kind: 'poll' })}
            refusal={refusalText(refusal, t, language)} />
        )}
      </div>
      {dialog?.kind === 'forward' ? (
        <ForwardDialog schoolId={schoolId} myId={myId} message={dialog.message} onClose={closeDialog}
          onForwarded={(to) => { closeDialog(); setForwardedTo(chatTitle(to, t)) }} />
      ) : null}
      {dialog?.kind === 'report' ? <ReportDialog schoolId={schoolId} message={dialog.message} onClose={closeDialog} /> : null}
      {dialog?.kind === 'poll' ? (
        <PollDialog schoolId={schoolId} chatId={chat.id} myId={myId} onClose={closeDialog} onPublished={() => void onPollPublished()} />
      ) : null}
      {dialog?.kind === 'image' ? <ImageViewer images={dialog.images} index={dialog.index} onClose={closeDialog} /> : null}
      {membersOpen ? <MembersPanel id={panelId} schoolId={schoolId} chat={chat} myId={myId} onClose={() => setMembersOpen(false)} /> : null}
    </section>
  )
}
