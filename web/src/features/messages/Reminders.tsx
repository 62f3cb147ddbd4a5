import { useConversation } from '../../lib/conversation'
import { useT } from '../../lib/i18n'
import { dismissReminder, useReminders } from './confirmations'
import { previewText } from './preview'
import { messageTexts } from './texts'

/** "<name> просит подтвердить прочтение": the reminders (ConfirmationRequested) of this chat, each showing its message. */
export function Reminders({ onShow }: { onShow: (seq: number) => void }) {
  const t = useT(messageTexts)
  const { chat } = useConversation()
  const reminders = useReminders(chat.id)
  return reminders.map((r) => (
    <div key={r.messageId} className="notice reminder-notice" role="status">
      <p>{t('reminderNotice', { name: r.senderName, text: previewText({ text: r.text, deleted: false }, t, 120) })}</p>
      <div className="actions">
        <button type="button" className="small primary" onClick={() => onShow(r.seq)}>
          {t('showMessage')}
        </button>
        <button type="button" className="small" onClick={() => dismissReminder(chat.id, r.messageId)}>
          {t('dismiss')}
        </button>
      </div>
    </div>
  ))
}
