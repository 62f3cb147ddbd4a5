import { useId } from 'react'
import { formatDate } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { CopyField, FormErrors } from '../../lib/ui'
import { qrUrl, useParentInvite } from './api'
import { homeTexts } from './texts'

export function ParentInvite({ schoolId }: { schoolId: string }) {
  const t = useT(homeTexts)
  const language = useLanguage()
  const headingId = useId()
  const invite = useParentInvite(schoolId)

  return (
    <section aria-labelledby={headingId} className="subsection">
      <h3 id={headingId}>{t('parentInviteTitle')}</h3>
      <p>{t('parentInviteIntro')}</p>
      <button type="button" className="primary" disabled={invite.isPending} onClick={() => invite.mutate()}>
        {t('parentInviteButton')}
      </button>
      <FormErrors error={invite.error} />
      {invite.data ? (
        <div className="invite-result">
          <CopyField label={t('parentInviteLink')} value={invite.data.url} large />
          <p className="hint">{t('parentInviteTerms', { date: formatDate(invite.data.expiresAt, language), uses: invite.data.maxUses })}</p>
          <img className="qr" src={qrUrl(schoolId, invite.data.id)} alt={t('parentInviteQr')} width={240} height={240} />
        </div>
      ) : null}
    </section>
  )
}
