import { useId } from 'react'
import type { Message } from '../../lib/api-types'
import { useConversation } from '../../lib/conversation'
import { useT } from '../../lib/i18n'
import { FormErrors, Loading } from '../../lib/ui'
import { dismissReminder, useConfirmedHere } from './confirmations'
import { useConfirm, useConfirmations, useRemind } from './api'
import { messageTexts } from './texts'

/** "Please confirm": a button for the readers, and for the sender and moderators who has confirmed, with a reminder. */
export function Confirmation({ message, open, onToggle }: { message: Message; open: boolean; onToggle: () => void }) {
  const { schoolId, chat, myId } = useConversation()
  const t = useT(messageTexts)
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
        confirmed ? (
          <p className="confirmation-done">✓ {t('youConfirmed')}</p>
        ) : (
          <>
            <button
              type="button"
              className="small primary"
              disabled={confirm.isPending}
              onClick={() =>
                confirm.mutate(message.id, { onSuccess: () => dismissReminder(message.chatId, message.id) })
              }
            >
              {t('confirm')}
            </button>
            <FormErrors error={confirm.error} />
          </>
        )
      ) : null}
      {oversees ? (
        <>
          <button
            type="button"
            className="link-button small-text"
            aria-expanded={open}
            aria-controls={id}
            onClick={onToggle}
          >
            {t('confirmedOf', { count, total })}
          </button>
          <div id={id} hidden={!open} className="confirmation-lists small-text">
            {open && lists.data ? (
              <>
                <p>
                  <strong>{t('confirmedList')}</strong>
                </p>
                {lists.data.confirmed.length > 0 ? (
                  <ul>
                    {lists.data.confirmed.map((p) => (
                      <li key={p.accountId}>{p.displayName}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">{t('nobody')}</p>
                )}
                <p>
                  <strong>{t('pendingList')}</strong>
                </p>
                {lists.data.pending.length > 0 ? (
                  <>
                    <ul>
                      {lists.data.pending.map((p) => (
                        <li key={p.accountId}>{p.displayName}</li>
                      ))}
                    </ul>
                    <button type="button" className="small" disabled={remind.isPending} onClick={() => remind.mutate()}>
                      {t('remind')}
                    </button>
                  </>
                ) : (
                  <p className="muted">{t('everybody')}</p>
                )}
                <p role="status">{remind.isSuccess ? t('reminded', { count: remind.data.pending.length }) : ''}</p>
                <FormErrors error={remind.error} />
              </>
            ) : open && lists.isError ? (
              <FormErrors error={lists.error} />
            ) : open ? (
              <Loading />
            ) : null}
          </div>
        </>
      ) : null}
    </div>
  )
}
