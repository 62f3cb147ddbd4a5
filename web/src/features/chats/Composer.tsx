import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import type { ChatSummary, ReplyPreview } from '../../lib/api-types'
import { sendToHub } from '../../lib/hub'
import { useT } from '../../lib/i18n'
import { maxMessageLength } from './messages-api'
import { chatTexts } from './texts'

const typingEveryMs = 3_000
const counterFrom = maxMessageLength - 200
/** Unsent text per chat, kept while moving between chats. */
const drafts = new Map<string, string>()

interface Props {
  chat: ChatSummary
  schoolId: string
  replyTo: ReplyPreview | null
  onCancelReply: () => void
  onSend: (text: string) => void
}

export function Composer({ chat, schoolId, replyTo, onCancelReply, onSend }: Props) {
  const t = useT(chatTexts)
  const id = useId()
  const area = useRef<HTMLTextAreaElement>(null)
  const lastTyping = useRef(0)
  const [text, setText] = useState(() => drafts.get(chat.id) ?? '')
  const length = text.trim().length
  const tooLong = length > maxMessageLength
  const canSend = chat.canPost && length > 0 && !tooLong

  useEffect(() => {
    if (text) drafts.set(chat.id, text)
    else drafts.delete(chat.id)
  }, [chat.id, text])

  useEffect(() => {
    if (replyTo) area.current?.focus()
  }, [replyTo])

  // Grows with the text up to a few lines, then scrolls.
  useLayoutEffect(() => {
    const el = area.current
    if (!el) return
    el.style.height = 'auto'
    el.style.height = `${Math.min(el.scrollHeight + 2, 200)}px`
  }, [text])

  function submit() {
    if (!canSend) return
    onSend(text.trim())
    setText('')
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault()
      submit()
    } else if (e.key === 'Escape' && replyTo) {
      e.preventDefault()
      onCancelReply()
    }
  }

  function onChange(value: string) {
    setText(value)
    const now = Date.now()
    if (value.trim() && now - lastTyping.current > typingEveryMs) {
      lastTyping.current = now
      sendToHub('Typing', schoolId, chat.id)
    }
  }

  const note = chat.canPost ? null : chat.kind === 'Announcements' ? t('readOnlyAnnouncements') : t('readOnly')
  const counter = length >= counterFrom
    ? tooLong ? t('tooLong', { count: length, max: maxMessageLength }) : t('charsLeft', { count: maxMessageLength - length })
    : ''

  return (
    <form className="composer" onSubmit={(e) => { e.preventDefault(); submit() }}>
      {replyTo ? (
        <div className="reply-draft">
          <p>
            <strong>{t('replyingTo', { name: replyTo.senderName })}</strong>
            <span className="reply-draft-text">{replyTo.text}</span>
          </p>
          <button type="button" className="small" onClick={onCancelReply}>{t('cancelReply')}</button>
        </div>
      ) : null}
      {note ? <p id={`${id}-note`} className="composer-note">{note}</p> : null}
      <div className="composer-row">
        <label htmlFor={id} className="visually-hidden">{t('composer')}</label>
        <textarea
          id={id}
          ref={area}
          rows={1}
          value={text}
          placeholder={t('composer')}
          disabled={!chat.canPost}
          aria-invalid={tooLong || undefined}
          aria-describedby={[`${id}-hint`, counter ? `${id}-counter` : null, note ? `${id}-note` : null].filter(Boolean).join(' ')}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="primary" disabled={!canSend}>{t('send')}</button>
      </div>
      <p id={`${id}-hint`} className="visually-hidden">{t('composerHint')}</p>
      {counter ? <p id={`${id}-counter`} className={tooLong ? 'field-error composer-counter' : 'hint composer-counter'}>{counter}</p> : null}
    </form>
  )
}
