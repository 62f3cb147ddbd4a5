import { useId } from 'react'
import { roleKey } from '../../lib/api-types'
import { formatDateTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { commonTexts } from '../../lib/texts'
import { ErrorMessage, FormErrors, Loading } from '../../lib/ui'
import type { Access } from './AdminConsole'
import { type JoinRequest, useDecideJoinRequest, useJoinRequests } from './api'
import { adminTexts } from './texts'

function RequestCard({ schoolId, request }: { schoolId: string; request: JoinRequest }) {
  const t = useT(adminTexts)
  const common = useT(commonTexts)
  const language = useLanguage()
  const headingId = useId()
  const decide = useDecideJoinRequest(schoolId)

  return (
    <li>
      <article className="card" aria-labelledby={headingId}>
        <h3 id={headingId}>{request.displayName}</h3>
        <ul className="plain facts-list">
          <li>{t('requestRole', { role: common(roleKey(request.role)) })}</li>
          {request.className ? <li>{t('requestClass', { className: request.className })}</li> : null}
          {request.childName ? (
            <li><strong>{t(request.kind === 'Guardian' ? 'requestGuardian' : 'requestChild', { name: request.childName })}</strong></li>
          ) : null}
          {request.contact ? <li>{t('requestContact', { contact: request.contact })}</li> : null}
          <li className="muted">{t('requestDate', { date: formatDateTime(request.createdAt, language) })}</li>
        </ul>
        <FormErrors error={decide.error} />
        <div className="actions">
          <button type="button" className="primary" disabled={decide.isPending}
            onClick={() => decide.mutate({ id: request.id, approve: true })}>
            {t('approve')}
          </button>
          <button type="button" className="danger" disabled={decide.isPending}
            onClick={() => decide.mutate({ id: request.id, approve: false })}>
            {t('reject')}
          </button>
        </div>
      </article>
    </li>
  )
}

export function JoinRequestsSection({ access }: { access: Access }) {
  const t = useT(adminTexts)
  const requests = useJoinRequests(access.schoolId)
  return (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading">{t('requestsTitle')}</h2>
      {requests.isPending ? <Loading /> : requests.isError ? <ErrorMessage error={requests.error} /> : (
        requests.data.length === 0 ? <p>{t('noRequests')}</p> : (
          <ul className="plain cards">
            {requests.data.map((r) => <RequestCard key={r.id} schoolId={access.schoolId} request={r} />)}
          </ul>
        )
      )}
    </section>
  )
}
