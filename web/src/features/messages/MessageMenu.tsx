import { type Ref, useId } from 'react'
import type { Message } from '../../lib/api-types'
import { useConversation } from '../../lib/conversation'
import { useT } from '../../lib/i18n'
import { FormErrors } from '../../lib/ui'
import { usePin } from './api'
import { hasReacted, reactionPalette } from './reactions'
import { messageTexts } from './texts'

/** Which message has its menu, edit box or delete question open: kept above the list so scrolling keeps it. */
export type MessageMode = 'menu' | 'edit' | 'delete'

/** What may be done to the message here (the item works it out from the chat, my role and the message). */
export interface MessageRights {
  reply: boolean
  forward: boolean
  pin: boolean
  edit: boolean
  report: boolean
  delete: boolean
  react: boolean
}

interface Props {
  message: Message
  open: boolean
  can: MessageRights
  /** The "…" button: the menu gives the focus back to it when it closes. */
  buttonRef: Ref<HTMLButtonElement>
  onToggle: () => void
  onMode: (mode: MessageMode | null) => void
  /** Closes the menu, the focus going back to its button. */
  onClose: () => void
  onReply: () => void
  onForward: () => void
  onReport: () => void
  onReact: (emoji: string, on: boolean) => void
}

/** The "…" button and the actions it opens; a long press on the message (touch) opens the same. */
export function MessageMenu({ message, open, can, buttonRef, onToggle, onMode, onClose, ...on }: Props) {
  const t = useT(messageTexts)
  const id = useId()
  const { schoolId, myId } = useConversation()
  const pin = usePin(schoolId, message.chatId)
  // Only in a secure context (https); a plain-http school install has no clipboard to write to.
  const canCopy =
    Boolean(message.text) && !message.deleted && typeof navigator !== 'undefined' && Boolean(navigator.clipboard)

  return (
    <div className="message-tools">
      <button
        ref={buttonRef}
        type="button"
        className="icon-button"
        aria-label={t('actions')}
        aria-expanded={open}
        aria-controls={id}
        onClick={onToggle}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      <div id={id} className="message-menu" role="group" aria-label={t('actions')} hidden={!open}>
        {can.reply ? (
          <button
            type="button"
            className="small"
            onClick={() => {
              onMode(null)
              on.onReply()
            }}
          >
            {t('reply')}
          </button>
        ) : null}
        {can.forward ? (
          <button
            type="button"
            className="small"
            onClick={() => {
              onClose()
              on.onForward()
            }}
          >
            {t('forward')}
          </button>
        ) : null}
        {canCopy ? (
          <button
            type="button"
            className="small"
            onClick={() => {
              onClose()
              void navigator.clipboard.writeText(message.text)
            }}
          >
            {t('copyText')}
          </button>
        ) : null}
        {can.pin ? (
          <button
            type="button"
            className="small"
            disabled={pin.isPending}
            onClick={() => pin.mutate({ messageId: message.id, pin: !message.pinned }, { onSuccess: onClose })}
          >
            {message.pinned ? t('unpin') : t('pin')}
          </button>
        ) : null}
        {can.edit ? (
          <button type="button" className="small" onClick={() => onMode('edit')}>
            {t('edit')}
          </button>
        ) : null}
        {can.report ? (
          <button
            type="button"
            className="small"
            onClick={() => {
              onClose()
              on.onReport()
            }}
          >
            {t('report')}
          </button>
        ) : null}
        {can.delete ? (
          <button type="button" className="small danger" onClick={() => onMode('delete')}>
            {t('delete')}
          </button>
        ) : null}
        {can.react ? (
          <div className="reaction-palette" role="group" aria-label={t('react')}>
            {reactionPalette.map((emoji) => {
              const mine = hasReacted(message.reactions, emoji, myId)
              return (
                <button
                  key={emoji}
                  type="button"
                  className="small reaction-choice"
                  aria-pressed={mine}
                  onClick={() => {
                    onClose()
                    on.onReact(emoji, !mine)
                  }}
                >
                  {emoji}
                </button>
              )
            })}
          </div>
        ) : null}
        <FormErrors error={pin.error} />
      </div>
    </div>
  )
}
