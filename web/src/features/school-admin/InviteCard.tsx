import { useId, useState } from 'react'
import { roleKey } from '../../lib/api-types'
import { formatDate } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { commonTexts } from '../../lib/texts'
import { CopyField, FormErrors } from '../../lib/ui'
import { type Invite, inviteQrUrl, useRevokeInvite } from './api'
import { adminTexts } from './texts'

export function InviteCard({ schoolId, invite }: { schoolId: string; invite: Invite }) {
  const t = useT(adminTexts)
  const common = useT(commonTexts)
  const language = useLanguage()
  const headingId = useId()
  const revoke = useRevokeInvite(schoolId)
  const [showQr, setShowQr] = useState(false)

  const role = common(roleKey(invite.role))
  const name = invite.className ? t('inviteFor', { role, className: invite.className }) : role
  const [now] = useState(Date.now)
  const expired = Date.parse(invite.expiresAt) <= now
  const usedUp = invite.uses >= invite.maxUses
  const usable = !invite.revoked && !expired && !usedUp
  const date = formatDate(invite.expiresAt, language)
  const state = invite.revoked
    ? t('revoked')
    : expired
      ? t('expired', { date })
      : usedUp
        ? t('usedUp')
        : t('expires', { date })

  return (
    <li>
      <article className={usable ? 'card' : 'card card-inactive'} aria-labelledby={headingId}>
        <h3 id={headingId}>{name}</h3>
        <p>
          <span className={usable ? 'badge badge-ok' : 'badge'}>{state}</span>{' '}
          <span className="muted">{t('uses', { uses: invite.uses, max: invite.maxUses })}</span>
        </p>
        {usable ? (
          <>
            <CopyField label={t('inviteLink')} value={invite.url} />
            <div className="actions">
              <button type="button" aria-expanded={showQr} onClick={() => setShowQr(!showQr)}>
                {t(showQr ? 'hideQr' : 'showQr')}
              </button>
              <button
                type="button"
                className="danger"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate(invite.id)}
              >
                {t('revoke')}
              </button>
            </div>
            {showQr ? (
              <img
                className="qr"
                src={inviteQrUrl(schoolId, invite.id)}
                alt={t('qrAlt', { name })}
                width={240}
                height={240}
              />
            ) : null}
            <FormErrors error={revoke.error} />
          </>
        ) : null}
      </article>
    </li>
  )
}
