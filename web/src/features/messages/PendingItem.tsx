import type { FileResponse } from '../../lib/api-types'
import { useConversation } from '../../lib/conversation'
import { formatTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { MessageAttachments } from '../files/MessageAttachments'
import { MessageStatus } from './MessageStatus'
import { MessageText } from './MessageText'
import { pendingState } from './read-state'
import { messageTexts } from './texts'
import type { PendingMessage } from './window'

/** My message on its way: a clock until the server has it; when sending failed, "Повторить" sends it again with the same client id, so it is stored once. */
export function PendingItem({
  pending,
  onRetry,
  onDiscard,
  onOpenImage,
}: {
  pending: PendingMessage
  onRetry: () => void
  onDiscard: () => void
  onOpenImage: (images: FileResponse[], index: number) => void
}) {
  const t = useT(messageTexts)
  const language = useLanguage()
  const { kind } = useConversation().chat
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
        {pending.text ? (
          <div className="message-text">
            <MessageText text={pending.text} />
          </div>
        ) : null}
        {pending.files?.length ? <MessageAttachments files={pending.files} onOpenImage={onOpenImage} /> : null}
        <p className="message-meta">
          <time dateTime={pending.createdAt}>{time}</time> <MessageStatus state={pendingState(pending)} kind={kind} />
        </p>
        {pending.status === 'failed' ? (
          <div className="message-failed" role="alert">
            <p>
              {t('failed')} {pending.error}
            </p>
            <div className="actions">
              <button type="button" className="small primary" onClick={onRetry}>
                {t('retry')}
              </button>
              <button type="button" className="small" onClick={onDiscard}>
                {t('discard')}
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </article>
  )
}
