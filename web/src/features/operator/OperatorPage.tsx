import { useState } from 'react'
import type { Me } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { RequireSignIn } from '../../lib/require-sign-in'
import { CopyField, ErrorMessage, Loading, Page, SelectField } from '../../lib/ui'
import {
  type ApplicationStatus,
  approvalOutcome,
  type ApproveResponse,
  type SchoolApplication,
  useApplications,
} from './api'
import { ApplicationCard } from './ApplicationCard'
import { SchoolsSection } from './SchoolsSection'
import { operatorTexts } from './texts'

interface Approved {
  application: SchoolApplication
  response: ApproveResponse
}

/** Whether the applicant got a letter; when not, the operator is the one to pass the link on. */
function MailOutcome({ approved, invited }: { approved: Approved; invited?: boolean }) {
  const t = useT(operatorTexts)
  const { application, response } = approved
  if (response.mailSent) return <p>{t('mailSent', { email: application.adminEmail })}</p>
  if (response.mailConfigured) return <p className="alert alert-warning">{t('mailFailed')}</p>
  return <p className="alert alert-warning">{t(invited ? 'mailNotConfiguredInvited' : 'mailNotConfigured')}</p>
}

function ApprovedNotice({ approved, onDismiss }: { approved: Approved; onDismiss: () => void }) {
  const t = useT(operatorTexts)
  const { application, response } = approved
  const outcome = approvalOutcome(response)
  return (
    <section className="notice notice-success" aria-label={t('approvedTitle', { school: application.shortName })}>
      <h2>{t('approvedTitle', { school: application.shortName })}</h2>
      {outcome.kind === 'invited' ? (
        <>
          <p>{t('approvedInvited')}</p>
          <p>{t('approvedInvitedNext')}</p>
          <MailOutcome approved={approved} invited />
        </>
      ) : outcome.kind === 'activation' ? (
        <>
          <p>{t('activationHint')}</p>
          <CopyField label={t('activationLink')} value={outcome.activationUrl} large />
          {outcome.adminLogin ? <p>{t('adminLogin', { login: outcome.adminLogin })}</p> : null}
          <MailOutcome approved={approved} />
        </>
      ) : (
        <p>{outcome.adminLogin ? t('adminHasAccount', { login: outcome.adminLogin }) : t('adminHasPassword')}</p>
      )}
      <button type="button" onClick={onDismiss}>
        {t('dismiss')}
      </button>
    </section>
  )
}

function Applications() {
  const t = useT(operatorTexts)
  const [status, setStatus] = useState<ApplicationStatus | 'all'>('Pending')
  const applications = useApplications(status === 'all' ? null : status)
  const [approved, setApproved] = useState<Approved[]>([])

  return (
    <>
      {approved.map((item) => (
        <ApprovedNotice
          key={item.application.id}
          approved={item}
          onDismiss={() => setApproved((list) => list.filter((x) => x !== item))}
        />
      ))}
      <div className="toolbar">
        <SelectField
          label={t('show')}
          value={status}
          onChange={(e) => setStatus(e.target.value as ApplicationStatus | 'all')}
        >
          <option value="Pending">{t('showPending')}</option>
          <option value="Approved">{t('showApproved')}</option>
          <option value="Rejected">{t('showRejected')}</option>
          <option value="all">{t('showAll')}</option>
        </SelectField>
      </div>
      {applications.isPending ? (
        <Loading />
      ) : applications.isError ? (
        <ErrorMessage error={applications.error} />
      ) : applications.data.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <div className="cards">
          {applications.data.map((application) => (
            <ApplicationCard
              key={application.id}
              application={application}
              onApproved={(app, response) => setApproved((list) => [{ application: app, response }, ...list])}
            />
          ))}
        </div>
      )}
    </>
  )
}

export function OperatorPage() {
  const t = useT(operatorTexts)
  return (
    <Page title={t('title')} wide>
      <RequireSignIn>
        {(me: Me) =>
          me.isOperator ? (
            <>
              <Applications />
              <SchoolsSection />
            </>
          ) : (
            <p role="alert">{t('notOperator')}</p>
          )
        }
      </RequireSignIn>
    </Page>
  )
}
