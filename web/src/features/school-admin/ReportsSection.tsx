import { useId, useState } from 'react'
import { formatBytes, formatDateTime } from '../../lib/format'
import { type Translate, useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { ErrorMessage, FormErrors, Loading, SelectField } from '../../lib/ui'
import type { Access } from './AdminConsole'
import { type Report, type ReportFilter, useReportedChat, useReports, useResolveReport } from './api'
import { type SafeguardingKey, safeguardingTexts } from './texts'

export function reportChatTitle(report: Pick<Report, 'chatKind' | 'chatTitle'>, t: Translate<SafeguardingKey>): string {
  switch (report.chatKind) {
    case 'Personal':
      return t('chatPersonal')
    case 'Class':
      return t('chatClass', { name: report.chatTitle })
    case 'Parents':
      return t('chatParents', { name: report.chatTitle })
    case 'Staff':
      return t('chatStaff')
    case 'Announcements':
      return t('chatAnnouncements')
    default:
      return t('chatGroup', { name: report.chatTitle })
  }
}

/** The messages around the reported one, text kept after deletion. Loaded only when asked for: the server audits each look. */
function ReportedConversation({ schoolId, report }: { schoolId: string; report: Report }) {
  const t = useT(safeguardingTexts)
  const language = useLanguage()
  const headingId = useId()
  const chat = useReportedChat(schoolId, report.id, true)
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('contextTitle')}</h4>
      {chat.isPending ? (
        <Loading />
      ) : chat.isError ? (
        <ErrorMessage error={chat.error} />
      ) : (
        <ol className="report-context">
          {chat.data.messages.map((m) => {
            const reported = m.id === report.messageId
            return (
              <li key={m.id} className={reported ? 'reported' : undefined} aria-current={reported ? 'true' : undefined}>
                {reported ? (
                  <p className="small-text">
                    <strong>{t('reportedMark')}</strong>
                  </p>
                ) : null}
                <p className="small-text muted">
                  <strong>{m.sender.displayName}</strong>,{' '}
                  <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, language)}</time>
                  {m.deleted ? ` · ${t('deletedMark')}` : ''}
                </p>
                {m.text || m.attachments.length === 0 ? <p>{m.text || t('emptyText')}</p> : null}
                {m.attachments.length > 0 ? (
                  <ul className="report-files" aria-label={t('filesLabel')}>
                    {m.attachments.map((file) => (
                      <li key={file.id}>
                        {file.thumbnailUrl ? (
                          <a href={file.url} target="_blank" rel="noopener">
                            <img src={file.thumbnailUrl} alt={file.name} width={120} loading="lazy" />
                          </a>
                        ) : null}
                        <a href={`${file.url}?download=true`}>
                          {file.name}, {formatBytes(file.size, language)}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}

function ReportCard({ schoolId, report }: { schoolId: string; report: Report }) {
  const t = useT(safeguardingTexts)
  const language = useLanguage()
  const headingId = useId()
  const contextId = useId()
  const noteId = useId()
  const resolve = useResolveReport(schoolId)
  const [open, setOpen] = useState(false)
  const chat = reportChatTitle(report, t)

  return (
    <li>
      <article className="card report-card" aria-labelledby={headingId}>
        <h3 id={headingId}>{t('reportHeading', { chat, sender: report.sender.displayName })}</h3>
        <dl className="facts">
          <dt>{t('chat')}</dt>
          <dd>{chat}</dd>
          <dt>{t('sender')}</dt>
          <dd>{report.sender.displayName}</dd>
          <dt>{t('reporter')}</dt>
          <dd>{report.reporter.displayName}</dd>
          <dt>{t('reason')}</dt>
          <dd className="report-text">{report.reason}</dd>
          <dt>{t('messageText')}</dt>
          <dd>
            {report.messageDeleted ? <p className="hint">{t('deletedKept')}</p> : null}
            <span className="report-text">{report.messageText || t('emptyText')}</span>
          </dd>
          <dt>{t('reportedAt')}</dt>
          <dd>
            <time dateTime={report.createdAt}>{formatDateTime(report.createdAt, language)}</time>
          </dd>
          <dt>{t('status')}</dt>
          <dd>
            {report.resolvedAt ? (
              <span className="badge badge-ok">
                {t('resolvedOn', { date: formatDateTime(report.resolvedAt, language) })}
              </span>
            ) : (
              <strong>{t('open')}</strong>
            )}
          </dd>
        </dl>
        <div className="actions">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={open ? contextId : undefined}
            aria-describedby={noteId}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? t('hideChat') : t('openChat')}
          </button>
          {!report.resolvedAt ? (
            <button
              type="button"
              className="primary"
              disabled={resolve.isPending}
              onClick={() => resolve.mutate(report.id)}
            >
              {t('resolve')}
            </button>
          ) : null}
        </div>
        <p id={noteId} className="hint">
          {t('openChatNote')}
        </p>
        <FormErrors error={resolve.error} />
        <p role="status" className="hint">
          {resolve.isSuccess ? t('resolvedDone') : ''}
        </p>
        {open ? (
          <div id={contextId}>
            <ReportedConversation schoolId={schoolId} report={report} />
          </div>
        ) : null}
      </article>
    </li>
  )
}

/** "Жалобы": administrators see all of the school's reports, class teachers those from their classes' chats. */
export function ReportsSection({ access }: { access: Access }) {
  const t = useT(safeguardingTexts)
  const [filter, setFilter] = useState<ReportFilter>('open')
  const reports = useReports(access.schoolId, filter)
  return (
    <section aria-labelledby="reports-heading">
      <h2 id="reports-heading">{t('reportsTitle')}</h2>
      <p className="muted">{t('reportsIntro')}</p>
      <div className="toolbar">
        <SelectField label={t('show')} value={filter} onChange={(e) => setFilter(e.target.value as ReportFilter)}>
          <option value="open">{t('filterOpen')}</option>
          <option value="resolved">{t('filterResolved')}</option>
          <option value="all">{t('filterAll')}</option>
        </SelectField>
      </div>
      {reports.isPending ? (
        <Loading />
      ) : reports.isError ? (
        <ErrorMessage error={reports.error} />
      ) : reports.data.length === 0 ? (
        <p>{t('noReports')}</p>
      ) : (
        <ul className="plain cards">
          {reports.data.map((r) => (
            <ReportCard key={r.id} schoolId={access.schoolId} report={r} />
          ))}
        </ul>
      )}
    </section>
  )
}
