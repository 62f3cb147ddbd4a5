import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import type { ChatSummary, FileResponse, Message } from '../../lib/api-types'
import { formatDateTime, formatTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { FormErrors, Loading } from '../../lib/ui'
import { useConfirmations, useReceipts, useRemind } from './api'
import { dismissReminder, useConfirmedHere } from './confirmations'
import { MessageAttachments } from './MessageAttachments'
import { maxMessageLength, useConfirm, useDeleteMessage, useEditMessage, usePin, useReact } from './messages-api'
import { type MentionMarks, MessageText } from './MessageText'
import { PollCard } from './PollCard'
import { groupReactions, hasReacted, reactionPalette } from './reactions'
import { restrictionOf } from './restriction'
import { chatTexts } from './texts'
import type { PendingMessage } from './window'

/** Which message has its menu, edit box or delete question open: kept above the list so scrolling keeps it. */
export type MessageMode = 'menu' | 'edit' | 'delete'

interface Props {
  message: Message
  chat: ChatSummary
  schoolId: string
  myId: string
  showSender: boolean
  isLastOwn: boolean
  mode: MessageMode | null
  onMode: (mode: MessageMode | null) => void
  receiptsOpen: boolean
  onToggleReceipts: () => void
  confirmationsOpen: boolean
  onToggleConfirmations: () => void
  onReply: () => void
  onForward: () => void
  onReport: () => void
  onJumpTo: (seq: number) => void
  /** Member id → name, for highlighting the mentions a message carries. */
  memberNames: ReadonlyMap<string, string>
  /** From the school; "Изменить" is offered only this long after sending. Unknown while the school loads. */
  editWindowMinutes?: number
  /** Just jumped to (pinned bar, search): highlighted and focused. */
  isTarget: boolean
  /** An image of the message was chosen: the conversation shows it large. */
  onOpenImage: (images: FileResponse[], index: number) => void
}

function Quote({ message, onJumpTo }: { message: Message; onJumpTo: (seq: number) => void }) {
  const t = useT(chatTexts)
  const reply = message.replyTo
  if (!reply) return null
  return (
    <button type="button" className="message-quote" onClick={() => onJumpTo(reply.seq)} title={t('showOriginal')}>
      <span className="visually-hidden">{t('replyTo', { name: reply.senderName })}: </span>
      <strong aria-hidden="true">{reply.senderName}</strong>
      <span className="message-quote-text">{reply.deleted ? t('deleted') : reply.text}</span>
    </button>
  )
}

function EditBox({ message, schoolId, onDone }: { message: Message; schoolId: string; onDone: () => void }) {
  const t = useT(chatTexts)
  const id = useId()
  const [text, setText] = useState(message.text)
  const edit = useEditMessage(schoolId, message.chatId)
  const trimmed = text.trim()
  const valid = trimmed.length > 0 && trimmed.length <= maxMessageLength

  function save() {
    if (!valid) return
    if (trimmed === message.text) return onDone()
    edit.mutate({ messageId: message.id, text: trimmed }, { onSuccess: onDone })
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Escape') {
      e.preventDefault()
      onDone()
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault()
      save()
    }
  }

  return (
    <div className="message-edit">
      <label htmlFor={id} className="visually-hidden">{t('editLabel')}</label>
      <textarea id={id} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} autoFocus rows={3} />
      <FormErrors error={edit.error} />
      <div className="actions">
        <button type="button" className="primary small" onClick={save} disabled={!valid || edit.isPending}>{t('save')}</button>
        <button type="button" className="small" onClick={onDone}>{t('cancel')}</button>
      </div>
    </div>
  )
}

function DeleteQuestion({ message, schoolId, myId, onDone }: { message: Message; schoolId: string; myId: string; onDone: () => void }) {
  const t = useT(chatTexts)
  const remove = useDeleteMessage(schoolId, message.chatId, myId)
  return (
    <div className="confirm" role="group" aria-label={t('delete')}>
      <p>{t('confirmDelete')}</p>
      <FormErrors error={remove.error} />
      <div className="actions">
        <button type="button" className="danger small" autoFocus disabled={remove.isPending} onClick={() => remove.mutate(message, { onSuccess: onDone })}>
          {t('confirmDeleteYes')}
        </button>
        <button type="button" className="small" onClick={onDone}>{t('cancel')}</button>
      </div>
    </div>
  )
}

function GroupReceipts({ message, schoolId, open, onToggle }: { message: Message; schoolId: string; open: boolean; onToggle: () => void }) {
  const t = useT(chatTexts)
  const id = useId()
  const receipts = useReceipts(schoolId, message.chatId, message.id, open)
  return (
    <div className="receipts">
      <button type="button" className="link-button small-text" aria-expanded={open} aria-controls={id} onClick={onToggle}>{t('whoRead')}</button>
      <div id={id} hidden={!open}>
        {open && receipts.data ? (
          <>
            <p className="small-text">{t('readBy', { read: receipts.data.readCount, total: receipts.data.memberCount })}</p>
            {receipts.data.readBy.length > 0 ? (
              <ul className="receipts-names small-text">{receipts.data.readBy.map((p) => <li key={p.accountId}>{p.displayName}</li>)}</ul>
            ) : <p className="small-text muted">{t('readByNobody')}</p>}
          </>
        ) : open && receipts.isError ? <FormErrors error={receipts.error} /> : null}
      </div>
    </div>
  )
}

/** In a personal chat, under my newest message: "read" once the other person has read it. */
function PersonalReceipt({ message, schoolId }: { message: Message; schoolId: string }) {
  const t = useT(chatTexts)
  const receipts = useReceipts(schoolId, message.chatId, message.id, true)
  if (!receipts.data) return null
  return <span className="message-status">{receipts.data.readCount > 0 ? t('read') : t('delivered')}</span>
}

/** Chips under the message, one per emoji: pressed when one of them is mine; pressing takes mine back or adds it. */
function Reactions({ message, myId, onToggle, disabled }: { message: Message; myId: string; onToggle: (emoji: string, on: boolean) => void; disabled?: boolean }) {
  const t = useT(chatTexts)
  const chips = groupReactions(message.reactions, myId)
  if (chips.length === 0) return null
  return (
    <ul className="reactions" aria-label={t('reactions')}>
      {chips.map((chip) => (
        <li key={chip.emoji}>
          <button type="button" className="reaction-chip" aria-pressed={chip.mine} disabled={disabled} onClick={() => onToggle(chip.emoji, !chip.mine)}>
            {t('reaction', { emoji: chip.emoji, count: chip.count })}
          </button>
        </li>
      ))}
    </ul>
  )
}

/** "Please confirm": a button for the readers, and for the sender and moderators who has confirmed, with a reminder. */
function Confirmation({ message, chat, schoolId, myId, open, onToggle }: {
  message: Message; chat: ChatSummary; schoolId: string; myId: string; open: boolean; onToggle: () => void
}) {
  const t = useT(chatTexts)
  const id = useId()
  const mine = message.senderId === myId
  const oversees = mine || chat.myRole !== 'Member'
  const lists = useConfirmations(schoolId, message.chatId, message.id, oversees && open)
  const confirm = useConfirm(schoolId, message.chatId, myId)
  const remind = useRemind(schoolId, message.chatId, message.id)
  const confirmedHere = useConfirmedHere(myId, message.id)
  const confirmed = confirmedHere || Boolean(lists.data?.confirmed.some((p) => p.accountId === myId))
  const total = lists.data ? lists.data.confirmed.length + lists.data.pending.length : Math.max(0, chat.memberCount - 1)
  const count = lists.data ? lists.data.confirmed.length : message.confirmedCount

  return (
    <div className="confirmation">
      <p className="message-flag">{t('confirmRequested')}</p>
      {!mine ? (
        confirmed ? <p className="confirmation-done">✓ {t('youConfirmed')}</p> : (
          <>
            <button type="button" className="small primary" disabled={confirm.isPending} onClick={() => confirm.mutate(message.id, { onSuccess: () => dismissReminder(message.chatId, message.id) })}>
              {t('confirm')}
            </button>
            <FormErrors error={confirm.error} />
          </>
        )
      ) : null}
      {oversees ? (
        <>
          <button type="button" className="link-button small-text" aria-expanded={open} aria-controls={id} onClick={onToggle}>
            {t('confirmedOf', { count, total })}
          </button>
          <div id={id} hidden={!open} className="confirmation-lists small-text">
            {open && lists.data ? (
              <>
                <p><strong>{t('confirmedList')}</strong></p>
                {lists.data.confirmed.length > 0
                  ? <ul>{lists.data.confirmed.map((p) => <li key={p.accountId}>{p.displayName}</li>)}</ul>
                  : <p className="muted">{t('nobody')}</p>}
                <p><strong>{t('pendingList')}</strong></p>
                {lists.data.pending.length > 0 ? (
                  <>
                    <ul>{lists.data.pending.map((p) => <li key={p.accountId}>{p.displayName}</li>)}</ul>
                    <button type="button" className="small" disabled={remind.isPending} onClick={() => remind.mutate()}>{t('remind')}</button>
                  </>
                ) : <p className="muted">{t('everybody')}</p>}
                <p role="status">{remind.isSuccess ? t('reminded', { count: remind.data.pending.length }) : ''}</p>
                <FormErrors error={remind.error} />
              </>
            ) : open && lists.isError ? <FormErrors error={lists.error} /> : open ? <Loading /> : null}
          </div>
        </>
      ) : null}
    </div>
  )
}

export function MessageItem(props: Props) {
  const { message, chat, schoolId, myId, showSender, isLastOwn, mode, onMode, memberNames, editWindowMinutes, isTarget } = props
  const t = useT(chatTexts)
  const language = useLanguage()
  const article = useRef<HTMLElement>(null)
  const menuButton = useRef<HTMLButtonElement>(null)
  const react = useReact(schoolId, message.chatId, myId)
  const pin = usePin(schoolId, message.chatId)
  const mine = message.senderId === myId
  const canModerate = chat.myRole !== 'Member'
  const withinWindow = editWindowMinutes === undefined || Date.now() < Date.parse(message.createdAt) + editWindowMinutes * 60_000
  // A poll cannot be edited (the server answers 409).
  // A chat the contact rules no longer allow is read-only: no edits or reactions either (the server refuses them).
  const writable = restrictionOf(chat) === 'None'
  const canEdit = writable && mine && !message.deleted && withinWindow && !message.poll
  const canDelete = !message.deleted && (mine || canModerate)
  const canReply = !message.deleted && chat.canPost
  const canPin = !message.deleted && (canModerate || chat.kind === 'Personal')
  const live = !message.deleted
  const poll = live ? message.poll : null
  const files = live ? message.attachments ?? [] : []
  const hasActions = live || canDelete
  const time = formatTime(message.createdAt, language)
  const menuId = useId()
  const mentionsMe = !mine && live && (message.mentions.includes(myId) || message.mentionsAll)
  const marks: MentionMarks = {
    names: message.mentions.flatMap((id) => {
      const name = memberNames.get(id)
      return name ? [{ name, me: id === myId }] : []
    }),
    all: message.mentionsAll,
  }

  useEffect(() => {
    if (isTarget) article.current?.focus({ preventScroll: true })
  }, [isTarget])

  function toggleReaction(emoji: string, on: boolean) {
    react.mutate({ messageId: message.id, emoji, on })
  }

  /** Closes the menu, keeping the focus on its button rather than losing it with the hidden item. */
  function closeMenu() {
    onMode(null)
    menuButton.current?.focus()
  }

  const classes = ['message', mine ? 'message-mine' : '', mentionsMe ? 'message-mentions-me' : '', isTarget ? 'message-target' : ''].filter(Boolean).join(' ')

  return (
    <article ref={article} tabIndex={-1} className={classes} aria-label={t('messageFrom', { name: mine ? t('you') : message.senderName, time })}>
      <div className="bubble">
        {showSender && !mine ? <p className="message-sender">{message.senderName}</p> : null}
        {mentionsMe ? <p className="message-flag message-flag-mention">{t('mentionedYou')}</p> : null}
        {message.deleted ? null : <Quote message={message} onJumpTo={props.onJumpTo} />}
        {message.forwardedFrom && !message.deleted ? <p className="message-forwarded">{t('forwarded', { name: message.forwardedFrom.senderName })}</p> : null}
        {mode === 'edit' && canEdit ? (
          <EditBox message={message} schoolId={schoolId} onDone={() => onMode(null)} />
        ) : poll ? (
          <PollCard message={{ ...message, poll }} chat={chat} schoolId={schoolId} myId={myId} />
        ) : message.deleted || message.text || files.length === 0 ? (
          <div className={message.deleted ? 'message-text message-deleted' : 'message-text'}>
            {message.deleted ? t('deleted') : <MessageText text={message.text} mentions={marks} />}
          </div>
        ) : null}
        {files.length > 0 ? <MessageAttachments files={files} onOpenImage={props.onOpenImage} /> : null}
        {live && message.pinned ? <p className="message-flag">📌 {t('pinned')}</p> : null}
        {live && message.requiresConfirmation ? (
          <Confirmation message={message} chat={chat} schoolId={schoolId} myId={myId} open={props.confirmationsOpen} onToggle={props.onToggleConfirmations} />
        ) : null}
        {live ? <Reactions message={message} myId={myId} onToggle={toggleReaction} disabled={!writable} /> : null}
        <p className="message-meta">
          <time dateTime={message.createdAt} title={formatDateTime(message.createdAt, language)}>{time}</time>
          {message.editedAt && !message.deleted ? <span> · {t('edited')}</span> : null}
          {mine && isLastOwn && chat.kind === 'Personal' && !message.deleted ? <> · <PersonalReceipt message={message} schoolId={schoolId} /></> : null}
        </p>
        {mine && chat.kind !== 'Personal' && !message.deleted ? (
          <GroupReceipts message={message} schoolId={schoolId} open={props.receiptsOpen} onToggle={props.onToggleReceipts} />
        ) : null}
        {react.error || pin.error ? <FormErrors error={react.error ?? pin.error} /> : null}
      </div>
      {hasActions ? (
        <div className="message-tools">
          <button ref={menuButton} type="button" className="icon-button" aria-label={t('actions')} aria-expanded={mode === 'menu'} aria-controls={menuId}
            onClick={() => onMode(mode === 'menu' ? null : 'menu')}>
            <span aria-hidden="true">⋯</span>
          </button>
          <div id={menuId} className="message-menu" role="group" aria-label={t('actions')} hidden={mode !== 'menu'}>
            {canReply ? <button type="button" className="small" onClick={() => { onMode(null); props.onReply() }}>{t('reply')}</button> : null}
            {live && !poll ? <button type="button" className="small" onClick={() => { closeMenu(); props.onForward() }}>{t('forward')}</button> : null}
            {canPin ? (
              <button type="button" className="small" disabled={pin.isPending}
                onClick={() => pin.mutate({ messageId: message.id, pin: !message.pinned }, { onSuccess: closeMenu })}>
                {message.pinned ? t('unpin') : t('pin')}
              </button>
            ) : null}
            {canEdit ? <button type="button" className="small" onClick={() => onMode('edit')}>{t('edit')}</button> : null}
            {live && !mine ? <button type="button" className="small" onClick={() => { closeMenu(); props.onReport() }}>{t('report')}</button> : null}
            {canDelete ? <button type="button" className="small danger" onClick={() => onMode('delete')}>{t('delete')}</button> : null}
            {live && writable ? (
              <div className="reaction-palette" role="group" aria-label={t('react')}>
                {reactionPalette.map((emoji) => {
                  const on = hasReacted(message.reactions, emoji, myId)
                  return (
                    <button key={emoji} type="button" className="small reaction-choice" aria-pressed={on}
                      onClick={() => { closeMenu(); toggleReaction(emoji, !on) }}>
                      {emoji}
                    </button>
                  )
                })}
              </div>
            ) : null}
          </div>
        </div>
      ) : null}
      {mode === 'delete' && canDelete ? <DeleteQuestion message={message} schoolId={schoolId} myId={myId} onDone={() => onMode(null)} /> : null}
    </article>
  )
}

export function PendingItem({ pending, onRetry, onDiscard, onOpenImage }: {
  pending: PendingMessage
  onRetry: () => void
  onDiscard: () => void
  onOpenImage: (images: FileResponse[], index: number) => void
}) {
  const t = useT(chatTexts)
  const language = useLanguage()
  const time = formatTime(pending.createdAt, language)
  return (
    <article className="message message-mine message-pending" aria-label={t('messageFrom', { name: t('you'), time })}>
      <div className="bubble">
        {pending.replyTo ? (
          <p className="message-quote">
            <span className="visually-hidden">{t('replyTo', { name: pending.replyTo.senderName })}: </span>
            <strong aria-hidden="true">{pending.replyTo.senderName}</strong>
            <span className="message-quote-text">{pending.replyTo.text}</span>
          </p>
        ) : null}
        {pending.text ? <div className="message-text"><MessageText text={pending.text} /></div> : null}
        {pending.files?.length ? <MessageAttachments files={pending.files} onOpenImage={onOpenImage} /> : null}
        {pending.status === 'sending' ? (
          <p className="message-meta"><span className="message-status">{t('sending')}</span></p>
        ) : (
          <div className="message-failed" role="alert">
            <p>{t('failed')} {pending.error}</p>
            <div className="actions">
              <button type="button" className="small primary" onClick={onRetry}>{t('retry')}</button>
              <button type="button" className="small" onClick={onDiscard}>{t('discard')}</button>
            </div>
          </div>
        )}
      </div>
    </article>
  )
}
