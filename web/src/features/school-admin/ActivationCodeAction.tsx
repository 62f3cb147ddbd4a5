import { useState } from 'react'
import { useT } from '../../lib/i18n'
import { CopyField, FormErrors } from '../../lib/ui'
import { type Person, useReissueCode } from './api'
import { adminTexts } from './texts'

/**
 * A new one-time code for a confirmed person whose account the school manages (asked first: older codes stop
 * working). Someone's own account gets no codes from the school: a short note says why instead.
 */
export function ActivationCodeAction({ schoolId, person }: { schoolId: string; person: Person }) {
  const t = useT(adminTexts)
  const reissue = useReissueCode(schoolId)
  const [confirming, setConfirming] = useState(false)

  if (!person.managed) return <p className="hint">{t('notManaged')}</p>
  if (reissue.data) {
    return (
      <div className="notice notice-success" role="status">
        <p>
          <strong>{t('newCodeIssued', { name: person.displayName })}</strong>
        </p>
        <CopyField label={t('activationCode')} value={reissue.data.activationCode} large />
        <CopyField label={t('activationLink')} value={reissue.data.activationUrl} />
      </div>
    )
  }
  if (!confirming)
    return (
      <button type="button" onClick={() => setConfirming(true)}>
        {t('newCode')}
      </button>
    )
  return (
    <div role="group" aria-label={t('newCode')} className="confirm">
      <p>{t('newCodeQuestion', { name: person.displayName })}</p>
      <FormErrors error={reissue.error} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={reissue.isPending}
          autoFocus
          onClick={() => reissue.mutate(person.membershipId)}
        >
          {t('newCodeYes')}
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          {t('cancel')}
        </button>
      </div>
    </div>
  )
}
