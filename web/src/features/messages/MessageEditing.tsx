import { type KeyboardEvent, useId, useState } from 'react'
import type { Message } from '../../lib/api-types'
import { useConversation } from '../../lib/conversation'
import { useT } from '../../lib/i18n'
import { FormErrors } from '../../lib/ui'
import { maxMessageLength, useDeleteMessage, useEditMessage } from './api'
import { messageTexts } from './texts'

export function EditBox({ message, onDone }: { message: Message; onDone: () => void }) {
  const { schoolId } = useConversation()
  const t = useT(messageTexts)
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
      <label htmlFor={id} className="visually-hidden">
        {t('editLabel')}
      </label>
      <textarea
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        autoFocus
        rows={3}
      />
      <FormErrors error={edit.error} />
      <div className="actions">
        <button type="button" className="primary small" onClick={save} disabled={!valid || edit.isPending}>
          {t('save')}
        </button>
        <button type="button" className="small" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </div>
  )
}

export function DeleteQuestion({ message, onDone }: { message: Message; onDone: () => void }) {
  const { schoolId, myId } = useConversation()
  const t = useT(messageTexts)
  const remove = useDeleteMessage(schoolId, message.chatId, myId)
  return (
    <div className="confirm" role="group" aria-label={t('delete')}>
      <p>{t('confirmDelete')}</p>
      <FormErrors error={remove.error} />
      <div className="actions">
        <button
          type="button"
          className="danger small"
          autoFocus
          disabled={remove.isPending}
          onClick={() => remove.mutate(message, { onSuccess: onDone })}
        >
          {t('confirmDeleteYes')}
        </button>
        <button type="button" className="small" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </div>
  )
}
