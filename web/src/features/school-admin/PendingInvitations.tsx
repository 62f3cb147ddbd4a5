import { useId } from 'react'
import { roleKey } from '../../lib/api-types'
import { formatDate } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { commonTexts } from '../../lib/texts'
import { ErrorMessage, FormErrors } from '../../lib/ui'
import { type AccountInvitation, useInvitations, useRevokeInvitation } from './api'
import { adminTexts } from './texts'

function InvitationCard({ schoolId, invitation }: { schoolId: string; invitation: AccountInvitation }) {
  const t = useT(adminTexts)
  const common = useT(commonTexts)
  const language = useLanguage()
  const headingId = useId()
  const revoke = useRevokeInvitation(schoolId)
  const contact = [invitation.phone, invitation.email].filter(Boolean).join(', ')

  return (
    <li>
      <article className="card" aria-labelledby={headingId}>
        <h4 id={headingId}>{invitation.displayName}</h4>
        <ul className="plain facts-list">
          <li>
            {t('invitationRole', { role: common(roleKey(invitation.role)) })}
            {invitation.className ? `, ${t('classOf', { className: invitation.className })}` : ''}
          </li>
          {contact ? <li>{t('invitationContact', { contact })}</li> : null}
          <li className="muted">{t('invitationSent', { date: formatDate(invitation.createdAt, language) })}</li>
        </ul>
        <FormErrors error={revoke.error} />
        <div className="actions">
          <button
            type="button"
            className="danger"
            disabled={revoke.isPending}
            aria-label={t('revokeInvitationLabel', { name: invitation.displayName })}
            onClick={() => revoke.mutate(invitation.id)}
          >
            {t('revokeInvitation')}
          </button>
        </div>
      </article>
    </li>
  )
}

/** Existing accounts the school has invited, until their owners accept or decline: shown only while there are some. */
export function PendingInvitations({ schoolId }: { schoolId: string }) {
  const t = useT(adminTexts)
  const headingId = useId()
  const invitations = useInvitations(schoolId)
  if (invitations.isError) return <ErrorMessage error={invitations.error} />
  if (!invitations.data?.length) return null
  return (
    <section className="pending-invitations" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('invitationsTitle')}</h3>
      <p className="muted">{t('invitationsIntro')}</p>
      <p className="muted">{t('invitationsCount', { count: invitations.data.length })}</p>
      <ul className="plain cards">
        {invitations.data.map((invitation) => (
          <InvitationCard key={invitation.id} schoolId={schoolId} invitation={invitation} />
        ))}
      </ul>
    </section>
  )
}
