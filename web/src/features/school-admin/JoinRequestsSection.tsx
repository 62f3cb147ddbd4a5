import { useId, useState } from 'react'
import { roleKey } from '../../lib/api-types'
import { formatDateTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { commonTexts } from '../../lib/texts'
import { ErrorMessage, FormErrors, Loading } from '../../lib/ui'
import type { Access } from './AdminConsole'
import { type JoinRequest, useClassStudents, useDecideJoinRequest, useJoinRequests } from './api'
import { adminTexts } from './texts'

/** The class's students as checkboxes: the approver ticks the joining parent's child or children. */
function ChildPicker({
  schoolId,
  request,
  picked,
  onChange,
}: {
  schoolId: string
  request: JoinRequest
  picked: string[]
  onChange: (ids: string[]) => void
}) {
  const t = useT(adminTexts)
  const students = useClassStudents(schoolId, request.classId, true)
  if (students.isPending) return <Loading />
  if (students.isError) return <ErrorMessage error={students.error} />
  if (students.data.length === 0) return <p className="alert alert-warning">{t('pickChildrenNone')}</p>
  return (
    <fieldset className="child-picker">
      <legend>{t('pickChildren', { className: request.className ?? '' })}</legend>
      {students.data.map((s) => (
        <label key={s.accountId} className="checkbox">
          <input
            type="checkbox"
            checked={picked.includes(s.accountId)}
            onChange={(e) =>
              onChange(e.target.checked ? [...picked, s.accountId] : picked.filter((id) => id !== s.accountId))
            }
          />{' '}
          {s.displayName}
        </label>
      ))}
    </fieldset>
  )
}

function RequestCard({ schoolId, request }: { schoolId: string; request: JoinRequest }) {
  const t = useT(adminTexts)
  const common = useT(commonTexts)
  const language = useLanguage()
  const headingId = useId()
  const decide = useDecideJoinRequest(schoolId)
  const [picked, setPicked] = useState<string[]>([])
  const [askedForChild, setAskedForChild] = useState(false)

  function approve() {
    // Said here rather than after a round trip; the server refuses the same (a parent is never let in with no child).
    if (request.childRequired && picked.length === 0) return setAskedForChild(true)
    decide.mutate({ id: request.id, approve: true, childIds: picked })
  }

  return (
    <li>
      <article className="card" aria-labelledby={headingId}>
        <h3 id={headingId}>{request.displayName}</h3>
        <ul className="plain facts-list">
          <li>{t('requestRole', { role: common(roleKey(request.role)) })}</li>
          {request.className ? <li>{t('requestClass', { className: request.className })}</li> : null}
          {request.childName ? (
            <li>
              <strong>
                {t(request.kind === 'Guardian' ? 'requestGuardian' : 'requestChild', { name: request.childName })}
              </strong>
            </li>
          ) : null}
          {request.requestedChildName ? (
            <li>
              <strong>{t('requestTypedChild', { name: request.requestedChildName })}</strong>
            </li>
          ) : null}
          {request.contact ? <li>{t('requestContact', { contact: request.contact })}</li> : null}
          <li className="muted">{t('requestDate', { date: formatDateTime(request.createdAt, language) })}</li>
        </ul>
        {request.childRequired ? (
          <ChildPicker schoolId={schoolId} request={request} picked={picked} onChange={setPicked} />
        ) : null}
        {askedForChild && picked.length === 0 ? (
          <p role="alert" className="alert alert-error">
            {t('pickChildrenFirst')}
          </p>
        ) : null}
        <FormErrors error={decide.error} />
        <div className="actions">
          <button type="button" className="primary" disabled={decide.isPending} onClick={approve}>
            {t('approve')}
          </button>
          <button
            type="button"
            className="danger"
            disabled={decide.isPending}
            onClick={() => decide.mutate({ id: request.id, approve: false })}
          >
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
      {requests.isPending ? (
        <Loading />
      ) : requests.isError ? (
        <ErrorMessage error={requests.error} />
      ) : requests.data.length === 0 ? (
        <p>{t('noRequests')}</p>
      ) : (
        <ul className="plain cards">
          {requests.data.map((r) => (
            <RequestCard key={r.id} schoolId={access.schoolId} request={r} />
          ))}
        </ul>
      )}
    </section>
  )
}
