import { type CSSProperties, type ReactNode, useEffect, useRef } from 'react'
import type { ChatSummary, FileResponse, Message, PollResponse } from '../../lib/api-types'
import { useConversation } from '../../lib/conversation'
import { formatDateTime, formatTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { ReplyIcon } from '../../lib/icons'
import { useLanguage } from '../../lib/language'
import { FormErrors } from '../../lib/ui'
import { MessageAttachments } from '../files/MessageAttachments'
import { useReact } from './api'
import { Confirmation } from './MessageConfirmation'
import { DeleteQuestion, EditBox } from './MessageEditing'
import { useMessageGestures } from './message-gestures'
import { MessageMenu, type MessageMode, type MessageRights } from './MessageMenu'
import { GroupReceipts, MessageStatus } from './MessageStatus'
import { type MentionMarks, MessageText } from './MessageText'
import { groupReactions } from './reactions'
import { storedState } from './read-state'
import { restrictionOf } from './restriction'
import { messageTexts } from './texts'

interface Props {
  message: Message
  showSender: boolean
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
  /** A poll message's card: the conversation puts it in (the polls feature draws it). */
  renderPoll: (message: Message & { poll: PollResponse }) => ReactNode
}

function Quote({ message, onJumpTo }: { message: Message; onJumpTo: (seq: number) => void }) {
  const t = useT(messageTexts)
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

/** Chips under the message, one per emoji: pressed when one of them is mine; pressing takes mine back or adds it. */
function Reactions({
  message,
  myId,
  onToggle,
  disabled,
}: {
  message: Message
  myId: string
  onToggle: (emoji: string, on: boolean) => void
  disabled?: boolean
}) {
  const t = useT(messageTexts)
  const chips = groupReactions(message.reactions, myId)
  if (chips.length === 0) return null
  return (
    <ul className="reactions" aria-label={t('reactions')}>
      {chips.map((chip) => (
        <li key={chip.emoji}>
          <button
            type="button"
            className="reaction-chip"
            aria-pressed={chip.mine}
            disabled={disabled}
            onClick={() => onToggle(chip.emoji, !chip.mine)}
          >
            {t('reaction', { emoji: chip.emoji, count: chip.count })}
          </button>
        </li>
      ))}
    </ul>
  )
}

/** What I may do to this message here. A poll cannot be edited (the server answers 409); a chat the contact rules no longer allow is read-only. */
function rightsOf(message: Message, chat: ChatSummary, myId: string, editWindowMinutes?: number): MessageRights {
  const mine = message.senderId === myId
  const live = !message.deleted
  const moderator = chat.myRole !== 'Member'
  const writable = restrictionOf(chat) === 'None'
  const withinWindow =
    editWindowMinutes === undefined || Date.now() < Date.parse(message.createdAt) + editWindowMinutes * 60_000
  return {
    reply: live && chat.canPost,
    forward: live && !message.poll,
    pin: live && (moderator || chat.kind === 'Personal'),
    edit: writable && mine && live && withinWindow && !message.poll,
    report: live && !mine,
    delete: live && (mine || moderator),
    react: live && writable,
  }
}

export function MessageItem(props: Props) {
  const { message, showSender, mode, onMode, memberNames, isTarget } = props
  const { schoolId, chat, myId } = useConversation()
  const t = useT(messageTexts)
  const language = useLanguage()
  const article = useRef<HTMLElement>(null)
  const menuButton = useRef<HTMLButtonElement>(null)
  const react = useReact(schoolId, message.chatId, myId)
  const mine = message.senderId === myId
  const can = rightsOf(message, chat, myId, props.editWindowMinutes)
  const live = !message.deleted
  const poll = live ? message.poll : null
  const files = live ? (message.attachments ?? []) : []
  const time = formatTime(message.createdAt, language)
  const mentionsMe = !mine && live && (message.mentions.includes(myId) || message.mentionsAll)
  const marks: MentionMarks = {
    names: message.mentions.flatMap((id) => {
      const name = memberNames.get(id)
      return name ? [{ name, me: id === myId }] : []
    }),
    all: message.mentionsAll,
  }
  const gestures = useMessageGestures({
    enabled: live && mode !== 'edit',
    onMenu: () => onMode('menu'),
    onReply: can.reply ? props.onReply : undefined,
  })

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

  const classes = [
    'message',
    mine ? 'message-mine' : '',
    mentionsMe ? 'message-mentions-me' : '',
    isTarget ? 'message-target' : '',
    gestures.pull > 0 ? 'message-pulled' : '',
  ]
    .filter(Boolean)
    .join(' ')
  const pull = { '--pull': `${gestures.pull}px` } as CSSProperties

  return (
    <article
      ref={article}
      tabIndex={-1}
      className={classes}
      style={pull}
      aria-label={t('messageFrom', { name: mine ? t('you') : message.senderName, time })}
    >
      {can.reply ? (
        <span className="message-pull-hint" aria-hidden="true">
          <ReplyIcon />
        </span>
      ) : null}
      <div className="bubble" {...gestures.handlers}>
        {showSender && !mine ? <p className="message-sender">{message.senderName}</p> : null}
        {mentionsMe ? <p className="message-flag message-flag-mention">{t('mentionedYou')}</p> : null}
        {live ? <Quote message={message} onJumpTo={props.onJumpTo} /> : null}
        {message.forwardedFrom && live ? (
          <p className="message-forwarded">{t('forwarded', { name: message.forwardedFrom.senderName })}</p>
        ) : null}
        {mode === 'edit' && can.edit ? (
          <EditBox message={message} onDone={() => onMode(null)} />
        ) : poll ? (
          props.renderPoll({ ...message, poll })
        ) : message.deleted || message.text || files.length === 0 ? (
          <div className={message.deleted ? 'message-text message-deleted' : 'message-text'}>
            {message.deleted ? t('deleted') : <MessageText text={message.text} mentions={marks} />}
          </div>
        ) : null}
        {files.length > 0 ? <MessageAttachments files={files} onOpenImage={props.onOpenImage} /> : null}
        {live && message.pinned ? <p className="message-flag">📌 {t('pinned')}</p> : null}
        {live && message.requiresConfirmation ? (
          <Confirmation message={message} open={props.confirmationsOpen} onToggle={props.onToggleConfirmations} />
        ) : null}
        {live ? <Reactions message={message} myId={myId} onToggle={toggleReaction} disabled={!can.react} /> : null}
        <p className="message-meta">
          <time dateTime={message.createdAt} title={formatDateTime(message.createdAt, language)}>
            {time}
          </time>
          {message.editedAt && live ? <span> · {t('edited')}</span> : null}
          {mine && live ? (
            <>
              {' '}
              <MessageStatus state={storedState(message, chat)} kind={chat.kind} />
            </>
          ) : null}
        </p>
        {mine && chat.kind !== 'Personal' && live ? (
          <GroupReceipts message={message} open={props.receiptsOpen} onToggle={props.onToggleReceipts} />
        ) : null}
        {react.error ? <FormErrors error={react.error} /> : null}
      </div>
      {live || can.delete ? (
        <MessageMenu
          message={message}
          open={mode === 'menu'}
          can={can}
          buttonRef={menuButton}
          onToggle={() => onMode(mode === 'menu' ? null : 'menu')}
          onMode={onMode}
          onClose={closeMenu}
          onReply={props.onReply}
          onForward={props.onForward}
          onReport={props.onReport}
          onReact={toggleReaction}
        />
      ) : null}
      {mode === 'delete' && can.delete ? <DeleteQuestion message={message} onDone={() => onMode(null)} /> : null}
    </article>
  )
}
