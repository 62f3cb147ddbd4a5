import type { Message } from '../../lib/api-types'
import { formatTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { previewText } from './preview'
import { messageTexts } from './texts'

/** The message a dialog is about (forwarding, reporting), quoted in one line with its sender and time. */
export function QuotedMessage({ message }: { message: Message }) {
  const t = useT(messageTexts)
  const language = useLanguage()
  return (
    <blockquote className="dialog-quote">
      <p className="small-text muted">
        {t('reportedMessage', { name: message.senderName, time: formatTime(message.createdAt, language) })}
      </p>
      <p>{previewText(message, t, 300)}</p>
    </blockquote>
  )
}
