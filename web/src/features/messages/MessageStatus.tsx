import { useId } from 'react'
import type { ChatKind, Message } from '../../lib/api-types'
import { useConversation } from '../../lib/conversation'
import { useT } from '../../lib/i18n'
import { FormErrors } from '../../lib/ui'
import { useReceipts } from './api'
import { AlertIcon, ClockIcon, DoubleTickIcon, TickIcon } from '../../lib/icons'
import { type MessageState, stateTextKey } from './read-state'
import { messageTexts } from './texts'

const icons = { sending: ClockIcon, failed: AlertIcon, sent: TickIcon, read: DoubleTickIcon }

/** The ticks beside the time of my message: drawn, not emoji (a school laptop may lack an emoji font), and named. */
export function MessageStatus({ state, kind }: { state: MessageState; kind: ChatKind }) {
  const t = useT(messageTexts)
  const text = t(stateTextKey(state, kind))
  const Icon = icons[state]
  return (
    <span className={`message-status message-status-${state}`} role="img" aria-label={text} title={text}>
      <Icon />
    </span>
  )
}

/** Under my message in a group: who has read it, on request. */
export function GroupReceipts({ message, open, onToggle }: { message: Message; open: boolean; onToggle: () => void }) {
  const { schoolId } = useConversation()
  const t = useT(messageTexts)
  const id = useId()
  const receipts = useReceipts(schoolId, message.chatId, message.id, open)
  return (
    <div className="receipts">
      <button
        type="button"
        className="link-button small-text"
        aria-expanded={open}
        aria-controls={id}
        onClick={onToggle}
      >
        {t('whoRead')}
      </button>
      <div id={id} hidden={!open}>
        {open && receipts.data ? (
          <>
            <p className="small-text">
              {t('readBy', { read: receipts.data.readCount, total: receipts.data.memberCount })}
            </p>
            {receipts.data.readBy.length > 0 ? (
              <ul className="receipts-names small-text">
                {receipts.data.readBy.map((p) => (
                  <li key={p.accountId}>{p.displayName}</li>
                ))}
              </ul>
            ) : (
              <p className="small-text muted">{t('readByNobody')}</p>
            )}
          </>
        ) : open && receipts.isError ? (
          <FormErrors error={receipts.error} />
        ) : null}
      </div>
    </div>
  )
}
