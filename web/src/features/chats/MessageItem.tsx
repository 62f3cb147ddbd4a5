import { type KeyboardEvent, useId, useState } from 'react'
import type { ChatSummary, Message } from '../../lib/api-types'
import { formatDateTime, formatTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { FormErrors } from '../../lib/ui'
import { useReceipts } from './api'
import { maxMessageLength, useDeleteMessage, useEditMessage } from './messages-api'
import { MessageText } from './MessageText'
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
  onReply: () => void
  onJumpTo: (seq: number) => void
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

/** What the message carries besides text (shown, not yet changeable here): reactions, pin, "please confirm". */
function Extras({ message, mine }: { message: Message; mine: boolean }) {
  const t = useT(chatTexts)
  const counts = new Map<string, number>()
  for (const r of message.reactions) counts.set(r.emoji, (counts.get(r.emoji) ?? 0) + 1)
  return (
    <>
      {message.requiresConfirmation ? (
        <p className="message-flag">{t('confirmRequested')}{mine ? ` · ${t('confirmedCount', { count: message.confirmedCount })}` : ''}</p>
      ) : null}
      {counts.size > 0 ? (
        <ul className="reactions" aria-label={t('reactions')}>
          {[...counts].map(([emoji, count]) => <li key={emoji}>{t('reaction', { emoji, count })}</li>)}
        </ul>
      ) : null}
      {message.pinned ? <p className="message-flag">{t('pinned')}</p> : null}
    </>
  )
}

export function MessageItem(props: Props) {
  const { message, chat, schoolId, myId, showSender, isLastOwn, mode, onMode } = props
  const t = useT(chatTexts)
  const language = useLanguage()
  const mine = message.senderId === myId
  const canModerate = chat.myRole !== 'Member'
  const canEdit = mine && !message.deleted
  const canDelete = !message.deleted && (mine || canModerate)
  const canReply = !message.deleted && chat.canPost
  const hasActions = canEdit || canDelete || canReply
  const time = formatTime(message.createdAt, language)
  const menuId = useId()

  return (
    <article className={mine ? 'message message-mine' : 'message'} aria-label={t('messageFrom', { name: mine ? t('you') : message.senderName, time })}>
      <div className="bubble">
        {showSender && !mine ? <p className="message-sender">{message.senderName}</p> : null}
        {message.deleted ? null : <Quote message={message} onJumpTo={props.onJumpTo} />}
        {message.forwardedFrom && !message.deleted ? <p className="message-forwarded">{t('forwarded', { name: message.forwardedFrom.senderName })}</p> : null}
        {mode === 'edit' && canEdit ? (
          <EditBox message={message} schoolId={schoolId} onDone={() => onMode(null)} />
        ) : (
          <div className={message.deleted ? 'message-text message-deleted' : 'message-text'}>
            {message.deleted ? t('deleted') : <MessageText text={message.text} />}
          </div>
        )}
        {!message.deleted ? <Extras message={message} mine={mine} /> : null}
        <p className="message-meta">
          <time dateTime={message.createdAt} title={formatDateTime(message.createdAt, language)}>{time}</time>
          {message.editedAt && !message.deleted ? <span> · {t('edited')}</span> : null}
          {mine && isLastOwn && chat.kind === 'Personal' && !message.deleted ? <> · <PersonalReceipt message={message} schoolId={schoolId} /></> : null}
        </p>
        {mine && chat.kind !== 'Personal' && !message.deleted ? (
          <GroupReceipts message={message} schoolId={schoolId} open={props.receiptsOpen} onToggle={props.onToggleReceipts} />
        ) : null}
      </div>
      {hasActions ? (
        <div className="message-tools">
          <button type="button" className="icon-button" aria-label={t('actions')} aria-expanded={mode === 'menu'} aria-controls={menuId}
            onClick={() => onMode(mode === 'menu' ? null : 'menu')}>
            <span aria-hidden="true">⋯</span>
          </button>
          <div id={menuId} className="message-menu" role="group" aria-label={t('actions')} hidden={mode !== 'menu'}>
            {canReply ? <button type="button" className="small" onClick={() => { onMode(null); props.onReply() }}>{t('reply')}</button> : null}
            {canEdit ? <button type="button" className="small" onClick={() => onMode('edit')}>{t('edit')}</button> : null}
            {canDelete ? <button type="button" className="small danger" onClick={() => onMode('delete')}>{t('delete')}</button> : null}
          </div>
        </div>
      ) : null}
      {mode === 'delete' && canDelete ? <DeleteQuestion message={message} schoolId={schoolId} myId={myId} onDone={() => onMode(null)} /> : null}
    </article>
  )
}

export function PendingItem({ pending, onRetry, onDiscard }: { pending: PendingMessage; onRetry: () => void; onDiscard: () => void }) {
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
        <div className="message-text"><MessageText text={pending.text} /></div>
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
