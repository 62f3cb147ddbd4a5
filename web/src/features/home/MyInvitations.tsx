import { useEffect, useId, useRef, useState } from 'react'
import { formatDate } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { commonTexts } from '../../lib/texts'
import { FormErrors } from '../../lib/ui'
import { type MyInvitation, useAnswerInvitation, useMyInvitations } from './api'
import { invitationLine } from './invitations'
import { homeTexts } from './texts'

interface Answered {
  school: string
  accepted: boolean
}

function InvitationItem({
  invitation,
  onAnswered,
}: {
  invitation: MyInvitation
  onAnswered: (answer: Answered, schoolId: string) => void
}) {
  const t = useT(homeTexts)
  const common = useT(commonTexts)
  const language = useLanguage()
  const answer = useAnswerInvitation()
  const [declining, setDeclining] = useState(false)
  const school = invitation.schoolName

  function send(accept: boolean) {
    answer.mutate(
      { invitation, accept },
      { onSuccess: () => onAnswered({ school, accepted: accept }, invitation.schoolId) },
    )
  }

  return (
    <li className="invitation">
      <p>
        <strong>{invitationLine(invitation, t, common, language)}</strong>
      </p>
      <p className="muted">{t('invitationDate', { date: formatDate(invitation.createdAt, language) })}</p>
      <FormErrors error={answer.error} />
      {declining ? (
        <div role="group" aria-label={t('declineLabel', { school })} className="confirm">
          <p>{t('declineQuestion', { school })}</p>
          <div className="actions">
            <button type="button" className="danger" disabled={answer.isPending} autoFocus onClick={() => send(false)}>
              {t('declineYes')}
            </button>
            <button type="button" onClick={() => setDeclining(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={answer.isPending}
            aria-label={t('acceptLabel', { school })}
            onClick={() => send(true)}
          >
            {t('accept')}
          </button>
          <button
            type="button"
            disabled={answer.isPending}
            aria-label={t('declineLabel', { school })}
            onClick={() => setDeclining(true)}
          >
            {t('decline')}
          </button>
        </div>
      )}
    </li>
  )
}

/**
 * Schools that entered my phone or e-mail and wait for my answer, at the top of the home page. Accepting shows
 * the new school (`onJoined`); the answer is said where the invitation was, and the focus goes there.
 */
export function MyInvitations({ onJoined }: { onJoined: (schoolId: string) => void }) {
  const t = useT(homeTexts)
  const headingId = useId()
  const invitations = useMyInvitations()
  const [answered, setAnswered] = useState<Answered | null>(null)
  const notice = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    if (answered) notice.current?.focus()
  }, [answered])

  const list = invitations.data ?? []
  return (
    <>
      {answered ? (
        <p ref={notice} tabIndex={-1} role="status" className={answered.accepted ? 'notice notice-success' : 'notice'}>
          {t(answered.accepted ? 'accepted' : 'declined', { school: answered.school })}
        </p>
      ) : null}
      {list.length > 0 ? (
        <section className="card invitations-card" aria-labelledby={headingId}>
          <h2 id={headingId}>{t('invitationsTitle')}</h2>
          <p className="muted">{t('invitationIntro')}</p>
          <ul className="plain">
            {list.map((invitation) => (
              <InvitationItem
                key={invitation.id}
                invitation={invitation}
                onAnswered={(answer, schoolId) => {
                  setAnswered(answer)
                  if (answer.accepted) onJoined(schoolId)
                }}
              />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
