import { useT } from '../../lib/i18n'
import { ConfirmButton, CopyField } from '../../lib/ui'
import { type Person, useReissueCode } from './api'
import { adminTexts } from './texts'

/**
 * A new one-time code for a confirmed person whose account the school manages (asked first: older codes stop
 * working). Someone's own account gets no codes from the school: a short note says why instead.
 */
export function ActivationCodeAction({ schoolId, person }: { schoolId: string; person: Person }) {
  const t = useT(adminTexts)
  const reissue = useReissueCode(schoolId)

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
  return (
    <ConfirmButton
      label={t('newCode')}
      question={t('newCodeQuestion', { name: person.displayName })}
      confirmLabel={t('newCodeYes')}
      cancelLabel={t('cancel')}
      pending={reissue.isPending}
      error={reissue.error}
      onConfirm={() => reissue.mutate(person.membershipId)}
    />
  )
}
