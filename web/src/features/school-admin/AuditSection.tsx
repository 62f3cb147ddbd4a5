import { useMemo } from 'react'
import { roleKey } from '../../lib/api-types'
import { formatDateTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { commonTexts } from '../../lib/texts'
import { ErrorMessage, FormErrors, Loading } from '../../lib/ui'
import type { Access } from './AdminConsole'
import { type SchoolClass, useAudit, usePeople } from './api'
import { auditActionLabel, auditDetails, type AuditWords } from './audit'
import { safeguardingTexts } from './texts'

/** "Журнал действий" (administrators): what moderators and administrators did, newest first, older pages on request. */
export function AuditSection({ access, classes }: { access: Access; classes: SchoolClass[] }) {
  const t = useT(safeguardingTexts)
  const common = useT(commonTexts)
  const language = useLanguage()
  const audit = useAudit(access.schoolId)
  const people = usePeople(access.schoolId)
  const words = useMemo<AuditWords>(
    () => ({
      t,
      role: (role) => common(roleKey(role)),
      names: new Map([
        ...(people.data ?? []).map((p) => [p.accountId.toLowerCase(), p.displayName] as const),
        ...classes.map((c) => [c.id.toLowerCase(), c.name] as const),
      ]),
    }),
    [t, common, people.data, classes],
  )
  const entries = audit.data?.pages.flat() ?? []
  const moreError = audit.isFetchNextPageError ? audit.error : null

  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('auditTitle')}</h2>
      <p className="muted">{t('auditIntro')}</p>
      {audit.isPending ? (
        <Loading />
      ) : audit.isError ? (
        <ErrorMessage error={audit.error} />
      ) : entries.length === 0 ? (
        <p>{t('auditEmpty')}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="audit-table">
              <caption className="visually-hidden">{t('auditTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colTime')}</th>
                  <th scope="col">{t('colWho')}</th>
                  <th scope="col">{t('colAction')}</th>
                  <th scope="col">{t('colDetails')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => {
                  const target = e.targetId ? words.names.get(e.targetId.toLowerCase()) : undefined
                  const details = auditDetails(e, words)
                  const shown =
                    target && !details.includes(target) ? [target, details].filter(Boolean).join(' · ') : details
                  return (
                    <tr key={e.id}>
                      <td>
                        <time dateTime={e.createdAt}>{formatDateTime(e.createdAt, language)}</time>
                      </td>
                      <td>{e.actor.displayName}</td>
                      <td>{auditActionLabel(e.action, t)}</td>
                      <td>{shown}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          <div className="actions subsection">
            {audit.hasNextPage ? (
              <button type="button" disabled={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
                {t('more')}
              </button>
            ) : (
              <p className="muted">{t('auditEnd')}</p>
            )}
          </div>
          <p role="status" className="hint">
            {audit.isFetchingNextPage ? common('loading') : ''}
          </p>
          <FormErrors error={moreError} />
        </>
      )}
    </section>
  )
}
