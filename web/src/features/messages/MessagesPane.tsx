import { type ReactNode, type Ref, useCallback, useImperativeHandle, useMemo, useRef, useState } from 'react'
import type { FileResponse, Message, PollResponse, ReplyPreview } from '../../lib/api-types'
import { useConversation } from '../../lib/conversation'
import { useHubEvent } from '../../lib/hub'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { problemOf } from '../../lib/problem'
import { useSchool } from '../../lib/session'
import { ErrorMessage, Loading } from '../../lib/ui'
import { useFileDrop } from '../files/file-drop'
import { useHistory, useMessageWindow, usePins, useSend } from './api'
import { CallNoteItem } from './CallNoteItem'
import { Composer } from './Composer'
import { buildRows, type Row, rowKey, seqNear } from './log-rows'
import { MessageItem } from './MessageItem'
import { PendingItem } from './PendingItem'
import { PinnedBar } from './PinnedBar'
import { previewText } from './preview'
import { refusalText } from './refusal'
import { Reminders } from './Reminders'
import { isHistoryClosed, restrictionOf } from './restriction'
import { HistoryClosed, RestrictionBanner } from './RestrictionBanner'
import { messageTexts } from './texts'
import { useTyping } from './typing'
import { useJumps } from './use-jumps'
import { useReadMarking } from './use-read-marking'
import { useRowStates } from './use-row-states'
import { type LogView, VirtualLog, type VirtualLogHandle } from './VirtualLog'
import type { SendExtras } from './window'

/** What the features above messages put into a conversation (the chats feature's Conversation passes them in). */
export interface MessageSlots {
  /** A poll message's card (polls). */
  renderPoll: (message: Message & { poll: PollResponse }) => ReactNode
  /** The message menu's "Переслать" and "Пожаловаться": their dialogs. */
  onForward: (message: Message) => void
  onReport: (message: Message) => void
  /** The composer's "Создать опрос". */
  onCreatePoll: () => void
  /** An image of a message was chosen: shown large. */
  onOpenImage: (images: FileResponse[], index: number) => void
}

export interface MessagesPaneHandle {
  /** To the newest messages (after publishing a poll). */
  showLatest(): Promise<void>
}

/**
 * The conversation's messages: pins and reminders above the history, the history (a virtualized log that opens at
 * the first unread message), who is typing, and the composer, or why nobody may write here. Files dropped on it are
 * attached to the message being written. `notice` shows above the composer (the conversation's own notices).
 */
export function MessagesPane({
  slots,
  notice,
  handle,
}: {
  slots: MessageSlots
  notice?: ReactNode
  handle?: Ref<MessagesPaneHandle>
}) {
  const t = useT(messageTexts)
  const language = useLanguage()
  const { schoolId, chat, myId, members } = useConversation()
  const restriction = restrictionOf(chat)
  const held = useMessageWindow(schoolId, chat.id)
  const history = useHistory(schoolId, chat.id, myId)
  const { send, retry, discard, refusal } = useSend(schoolId, chat.id, myId)
  const school = useSchool(schoolId)
  const pins = usePins(schoolId, chat.id)
  const typing = useTyping().get(chat.id)
  const log = useRef<VirtualLogHandle>(null)
  const states = useRowStates()
  const drop = useFileDrop(schoolId, chat.id, chat.canPost && restriction === 'None')

  // Where the unread part began when the chat was opened: the divider stays there while the chat is open.
  const [firstUnreadSeq] = useState(() =>
    chat.unreadCount > 0 && chat.lastReadSeq < chat.lastSeq ? chat.lastReadSeq + 1 : null,
  )
  const [view, setView] = useState<LogView>({ first: 0, last: 0, atEnd: true })
  const [replyTo, setReplyTo] = useState<ReplyPreview | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const { target, jumpToSeq, jumpToLatest } = useJumps(history, log, firstUnreadSeq, held.isSuccess)

  const data = held.data
  const rows = useMemo(() => (data ? buildRows(data, firstUnreadSeq, language) : []), [data, firstUnreadSeq, language])
  const memberNames = useMemo(() => new Map((members ?? []).map((m) => [m.accountId, m.displayName])), [members])
  const mentionable = useMemo(() => (members ?? []).filter((m) => m.accountId !== myId), [members, myId])
  const firstVisibleSeq = seqNear(rows, view.first, 1)
  const lastVisibleSeq = seqNear(rows, view.last, -1)

  useReadMarking(lastVisibleSeq)

  useHubEvent('MessageCreated', (e) => {
    if (e.chatId === chat.id && e.message.senderId !== myId)
      setAnnouncement(t('newMessageFrom', { name: e.message.senderName, text: previewText(e.message, t, 200) }))
  })

  const onView = useCallback((next: LogView) => setView(next), [])

  useImperativeHandle(handle, () => ({ showLatest: jumpToLatest }))

  async function onSend(text: string, extras: SendExtras, files?: FileResponse[]) {
    const reply = replyTo
    setReplyTo(null)
    if (data?.hasMoreAfter) await history.jumpToLatest()
    send(text, reply, extras, files)
    log.current?.scrollToEnd()
  }

  function renderRow(row: Row) {
    switch (row.kind) {
      case 'top':
        return (
          <p className="log-edge">
            {row.more ? (history.loading === 'older' ? t('loadingOlder') : '') : t('beginning')}
          </p>
        )
      case 'unread':
        return (
          <p className="log-divider unread-divider">
            <span>{t('unreadDivider')}</span>
          </p>
        )
      case 'pending':
        return (
          <PendingItem
            pending={row.pending}
            onRetry={() => retry(row.pending)}
            onDiscard={() => discard(row.pending.clientId)}
            onOpenImage={slots.onOpenImage}
          />
        )
      case 'message': {
        const m = row.message
        return (
          <>
            {row.day ? (
              <p className="log-divider">
                <span>{row.day}</span>
              </p>
            ) : null}
            {m.call && !m.deleted ? (
              <CallNoteItem message={m} note={m.call} />
            ) : (
              <MessageItem
                message={m}
                showSender={row.showSender}
                mode={states.modeOf(m.id)}
                onMode={(next) => states.setMode(m.id, next)}
                receiptsOpen={states.receiptsOpen(m.id)}
                onToggleReceipts={() => states.toggleReceipts(m.id)}
                confirmationsOpen={states.confirmationsOpen(m.id)}
                onToggleConfirmations={() => states.toggleConfirmations(m.id)}
                onReply={() =>
                  setReplyTo({
                    id: m.id,
                    seq: m.seq,
                    senderName: m.senderName,
                    text: m.text ? m.text.slice(0, 200) : previewText(m, t, 200),
                    deleted: false,
                  })
                }
                onForward={() => slots.onForward(m)}
                onReport={() => slots.onReport(m)}
                onOpenImage={slots.onOpenImage}
                onJumpTo={(seq) => void jumpToSeq(seq, true)}
                memberNames={memberNames}
                editWindowMinutes={school.data?.editWindowMinutes}
                isTarget={target === m.id}
                renderPoll={slots.renderPoll}
              />
            )}
          </>
        )
      }
    }
  }

  // Shown when the first unread message is off screen: above, or below after scrolling back up into read
  // history. (Reading down through unread messages keeps it just below the view, and then it is not shown.)
  const unreadStart = chat.lastReadSeq + 1
  const showJumpUnread =
    chat.unreadCount > 0 &&
    firstVisibleSeq !== null &&
    lastVisibleSeq !== null &&
    (unreadStart < firstVisibleSeq || chat.lastReadSeq > lastVisibleSeq)
  const showJumpLatest = Boolean(data) && (!view.atEnd || Boolean(data?.hasMoreAfter))
  const typingText = typing?.length
    ? t(
        typing.length === 1 ? 'typingOne' : 'typingMany',
        typing.length === 1 ? { name: typing[0] } : { names: typing.join(', ') },
      )
    : ''

  return (
    <div className="conversation-main" {...drop.handlers}>
      {drop.dragging ? (
        <div className="drop-hint" aria-hidden="true">
          <p>{t('dropHint')}</p>
        </div>
      ) : null}
      <PinnedBar pins={pins.data ?? []} onJump={(m) => void jumpToSeq(m.seq, true)} />
      <Reminders onShow={(seq) => void jumpToSeq(seq, true)} />
      <div className="conversation-log">
        {held.isPending ? (
          <Loading />
        ) : held.isError ? (
          isHistoryClosed(problemOf(held.error)) ? (
            <HistoryClosed />
          ) : (
            <ErrorMessage error={held.error} />
          )
        ) : (
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
        {history.loading === 'older' || history.loading === 'jump' ? (
          <p className="log-loading" role="status">
            {t('loadingOlder')}
          </p>
        ) : null}
        {history.loading === 'newer' ? (
          <p className="log-loading log-loading-end" role="status">
            {t('loadingNewer')}
          </p>
        ) : null}
        <div className="jump-buttons">
          {showJumpUnread ? (
            <button type="button" className="small" onClick={() => void jumpToSeq(unreadStart)}>
              {t('jumpUnread')}
            </button>
          ) : null}
          {showJumpLatest ? (
            <button type="button" className="small" onClick={() => void jumpToLatest()}>
              {t('jumpLatest')}
              {chat.unreadCount > 0 ? (
                <span className="unread-badge" aria-hidden="true">
                  {chat.unreadCount}
                </span>
              ) : null}
            </button>
          ) : null}
        </div>
      </div>
      <p className="typing-line">{typingText}</p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {notice}
      {/* A chat the contact rules no longer allow: the reason instead of the composer (its draft is kept for later). */}
      {restriction !== 'None' ? (
        <RestrictionBanner restriction={restriction} />
      ) : (
        <Composer
          key={chat.id}
          replyTo={replyTo}
          members={mentionable}
          onCancelReply={() => setReplyTo(null)}
          onSend={(text, extras, files) => void onSend(text, extras, files)}
          onCreatePoll={slots.onCreatePoll}
          refusal={refusalText(refusal, t, language)}
        />
      )}
    </div>
  )
}
