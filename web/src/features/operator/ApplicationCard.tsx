import { type FormEvent, useId, useState } from 'react'
import { schoolTypeKey } from '../../lib/api-types'
import { formatDateTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { fieldError } from '../../lib/problem'
import { commonTexts } from '../../lib/texts'
import { FormErrors, TextAreaField } from '../../lib/ui'
import { type ApproveResponse, type SchoolApplication, useApprove, useReject } from './api'
import { operatorTexts } from './texts'

export function ApplicationCard({
  application,
  onApproved,
}: {
  application: SchoolApplication
  onApproved: (application: SchoolApplication, response: ApproveResponse) => void
}) {
  const t = useT(operatorTexts)
  const common = useT(commonTexts)
  const language = useLanguage()
  const headingId = useId()
  const approve = useApprove()
  const reject = useReject()
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const pending = application.status === 'Pending'

  function submitReject(event: FormEvent) {
    event.preventDefault()
    reject.mutate({ id: application.id, reason })
  }

  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{application.shortName}</h2>
      <dl className="facts">
        <dt>{t('fullName')}</dt>
        <dd>{application.fullName}</dd>
        <dt>{t('type')}</dt>
        <dd>{common(schoolTypeKey(application.type))}</dd>
        <dt>{t('region')}</dt>
        <dd>{application.region}</dd>
        <dt>{t('inn')}</dt>
        <dd>{application.inn}</dd>
        <dt>{t('admin')}</dt>
        <dd>
          {application.adminName}
          <br />
          {application.adminPhone}
          <br />
          {application.adminEmail}
        </dd>
        <dt>{t('submittedAt')}</dt>
        <dd>{formatDateTime(application.submittedAt, language)}</dd>
        {!pending ? (
          <>
            <dt>{t('status')}</dt>
            <dd>{t(application.status === 'Approved' ? 'statusApproved' : 'statusRejected')}</dd>
          </>
        ) : null}
        {application.rejectionReason ? (
          <>
            <dt>{t('reason')}</dt>
            <dd>{application.rejectionReason}</dd>
          </>
        ) : null}
      </dl>
      {pending && application.existingAccount ? (
        <div className="alert alert-warning" role="note">
          <p>
            <strong>{t('existingAccount')}</strong>
          </p>
          <p>{t('existingAccountHint')}</p>
        </div>
      ) : null}
      <FormErrors error={approve.error} />
      {pending && !rejecting ? (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={approve.isPending}
            onClick={() =>
              approve.mutate(application.id, { onSuccess: (response) => onApproved(application, response) })
            }
          >
            {t('approve')}
          </button>
          <button type="button" className="danger" onClick={() => setRejecting(true)}>
            {t('reject')}
          </button>
        </div>
      ) : null}
      {pending && rejecting ? (
        <form className="form" onSubmit={submitReject}>
          <FormErrors error={reject.error} fields={['reason']} />
          <TextAreaField
            label={t('rejectReason')}
            hint={t('rejectReasonHint')}
            name="reason"
            rows={3}
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={fieldError(reject.error, 'reason')}
          />
          <div className="actions">
            <button type="submit" className="danger" disabled={reject.isPending}>
              {t('confirmReject')}
            </button>
            <button type="button" onClick={() => setRejecting(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </article>
  )
}
