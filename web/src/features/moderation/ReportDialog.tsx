import { type FormEvent, useState } from 'react'
import type { Message } from '../../lib/api-types'
import { useConversation } from '../../lib/conversation'
import { useT } from '../../lib/i18n'
import { fieldError } from '../../lib/problem'
import { Dialog, FormErrors, TextAreaField } from '../../lib/ui'
import { QuotedMessage } from '../messages/QuotedMessage'
import { useReport } from './api'
import { moderationTexts } from './texts'

/** "Пожаловаться": a reason is required; the report goes to the school's safeguarding staff. */
export function ReportDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const t = useT(moderationTexts)
  const { schoolId } = useConversation()
  const report = useReport(schoolId, message.chatId)
  const [reason, setReason] = useState('')

  function submit(e: FormEvent) {
    e.preventDefault()
    if (!reason.trim()) return
    report.mutate({ messageId: message.id, reason: reason.trim() })
  }

  return (
    <Dialog title={t('reportTitle')} onClose={onClose}>
      {report.isSuccess ? (
        <>
          <p className="alert alert-success" role="status">
            {t('reportSent')}
          </p>
          <div className="actions dialog-actions">
            <button type="button" className="primary" autoFocus onClick={onClose}>
              {t('done')}
            </button>
          </div>
        </>
      ) : (
        <form className="form" onSubmit={submit}>
          <QuotedMessage message={message} />
          <TextAreaField
            label={t('reportReason')}
            hint={t('reportHint')}
            required
            maxLength={1000}
            autoFocus
            rows={4}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={fieldError(report.error, 'reason')}
          />
          <FormErrors error={report.error} fields={['reason']} />
          <div className="actions">
            <button type="submit" className="primary" disabled={!reason.trim() || report.isPending}>
              {t('reportSend')}
            </button>
            <button type="button" onClick={onClose}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  )
}
