import { useState } from 'react'
import type { ChatSummary, Message } from '../../lib/api-types'
import { useConversation } from '../../lib/conversation'
import { useT } from '../../lib/i18n'
import { Dialog, ErrorMessage, Field, FormErrors, Loading } from '../../lib/ui'
import { useForward } from '../messages/api'
import { fold } from '../messages/mentions'
import { QuotedMessage } from '../messages/QuotedMessage'
import { useChatList } from './api'
import { chatTexts } from './texts'
import { chatTitle } from './titles'

/** "Переслать": one of my chats where I may write; the copy keeps the text and says whom it came from. */
export function ForwardDialog({
  message,
  onClose,
  onForwarded,
}: {
  message: Message
  onClose: () => void
  onForwarded: (chat: ChatSummary) => void
}) {
  const t = useT(chatTexts)
  const { schoolId, myId } = useConversation()
  const list = useChatList(schoolId)
  const forward = useForward(schoolId, myId)
  const [search, setSearch] = useState('')
  const needle = fold(search.trim())
  const chats = (list.data ?? []).filter((c) => c.canPost && fold(chatTitle(c, t)).includes(needle))

  return (
    <Dialog title={t('forwardTitle')} onClose={onClose}>
      <QuotedMessage message={message} />
      <Field
        label={t('forwardSearch')}
        type="search"
        autoFocus
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} />
      ) : chats.length === 0 ? (
        <p className="muted">{t('forwardNone')}</p>
      ) : (
        <ul className="people-list">
          {chats.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="person-button"
                disabled={forward.isPending}
                onClick={() => forward.mutate({ message, toChatId: c.id }, { onSuccess: () => onForwarded(c) })}
              >
                {chatTitle(c, t)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormErrors error={forward.error} />
    </Dialog>
  )
}
