import { type ChangeEvent, type FormEvent, useState } from 'react'
import { useT } from '../../lib/i18n'
import { problemOf } from '../../lib/problem'
import { Field, FormErrors, TextAreaField } from '../../lib/ui'
import type { Access } from './AdminConsole'
import { type RosterRowError, useRosterImport } from './api'
import { decodeCsv } from './decode-csv'
import { RosterSheets } from './RosterSheets'
import { type AdminKey, adminTexts } from './texts'

const csvFieldNames: Record<string, AdminKey> = {
  role: 'csvRole',
  class: 'csvClass',
  name: 'csvName',
  phone: 'csvPhone',
  email: 'csvEmail',
  children: 'csvChildren',
  file: 'csvFile',
}

function rowErrorsOf(error: unknown): RosterRowError[] | null {
  const rows = problemOf(error)?.extensions.rowErrors
  return Array.isArray(rows) ? (rows as RosterRowError[]) : null
}

function RowErrors({ rows }: { rows: RosterRowError[] }) {
  const t = useT(adminTexts)
  return (
    <div className="alert alert-error" role="alert">
      <h3>{t('rosterErrorsTitle')}</h3>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('errLine')}</th>
              <th scope="col">{t('errField')}</th>
              <th scope="col">{t('errMessage')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <td>{row.line}</td>
                <td>{csvFieldNames[row.field] ? t(csvFieldNames[row.field]) : row.field}</td>
                <td>{row.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

export function RosterSection({ access }: { access: Access }) {
  const t = useT(adminTexts)
  const upload = useRosterImport(access.schoolId)
  const [text, setText] = useState('')
  const [fileError, setFileError] = useState(false)

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    setFileError(false)
    if (!file) return
    try {
      setText(decodeCsv(await file.arrayBuffer()))
      upload.reset()
    } catch {
      setFileError(true)
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    upload.mutate(text)
  }

  const rowErrors = rowErrorsOf(upload.error)
  return (
    <section aria-labelledby="roster-heading">
      <div className="no-print">
        <h2 id="roster-heading">{t('rosterTitle')}</h2>
        <p>{t('rosterIntro')}</p>
        <details>
          <summary>{t('rosterExampleTitle')}</summary>
          <pre className="example">{t('rosterExample')}</pre>
        </details>
        <form className="form" onSubmit={submit} noValidate>
          <Field
            label={t('rosterFile')}
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={chooseFile}
            error={fileError ? t('rosterFileError') : undefined}
          />
          <TextAreaField
            label={t('rosterText')}
            hint={t('rosterTextHint')}
            rows={8}
            spellCheck={false}
            className="mono"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {rowErrors ? <RowErrors rows={rowErrors} /> : <FormErrors error={upload.error} />}
          <div className="actions">
            <button type="submit" className="primary" disabled={upload.isPending}>
              {t('rosterSubmit')}
            </button>
          </div>
        </form>
      </div>
      {upload.data ? (
        <>
          <div className="notice notice-success no-print" role="status">
            <p>
              <strong>{t('rosterDone', { count: upload.data.created })}</strong>
            </p>
            {upload.data.invited > 0 ? <p>{t('rosterInvited', { count: upload.data.invited })}</p> : null}
            <p>{t('rosterPrintHint')}</p>
            <button type="button" className="primary" onClick={() => window.print()}>
              {t('print')}
            </button>
          </div>
          <RosterSheets result={upload.data} schoolName={access.schoolName} />
        </>
      ) : null}
    </section>
  )
}
