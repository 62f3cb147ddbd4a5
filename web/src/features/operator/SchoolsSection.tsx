import { type FormEvent, useId, useState } from 'react'
import { formatBytes } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { fieldError } from '../../lib/problem'
import { ErrorMessage, Field, FormErrors, Loading } from '../../lib/ui'
import { type OperatorSchool, useOperatorSchools, useSetQuota } from './api'
import { operatorTexts } from './texts'

const gigabyte = 1024 ** 3

/** Gigabytes as typed (comma or dot) to bytes; null when not a number of at least zero. */
export function parseGigabytes(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'))
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 ? Math.round(value * gigabyte) : null
}

function SchoolCard({ school }: { school: OperatorSchool }) {
  const t = useT(operatorTexts)
  const language = useLanguage()
  const headingId = useId()
  const setQuota = useSetQuota()
  const [text, setText] = useState(String(Math.round((school.storageQuotaBytes / gigabyte) * 10) / 10))
  const bytes = parseGigabytes(text)

  function submit(e: FormEvent) {
    e.preventDefault()
    if (bytes !== null) setQuota.mutate({ id: school.id, quotaBytes: bytes })
  }

  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{school.shortName}</h3>
      <p className="muted">
        {school.fullName} · {school.region}
      </p>
      <p>{t('schoolPeople', { count: school.people })}</p>
      <p>
        {t('schoolStorage', {
          used: formatBytes(school.storageUsedBytes, language),
          quota: formatBytes(school.storageQuotaBytes, language),
        })}
        {school.quotaIsDefault ? ` ${t('quotaDefault')}` : ''}
      </p>
      <form onSubmit={submit} className="inline-form">
        <Field
          label={t('quotaField')}
          value={text}
          inputMode="decimal"
          onChange={(e) => setText(e.target.value)}
          error={bytes === null ? t('quotaInvalid') : fieldError(setQuota.error, 'quotaBytes')}
        />
        <div className="actions">
          <button type="submit" disabled={bytes === null || setQuota.isPending}>
            {t('quotaSave')}
          </button>
          {school.quotaIsDefault ? null : (
            <button
              type="button"
              disabled={setQuota.isPending}
              onClick={() => setQuota.mutate({ id: school.id, quotaBytes: null })}
            >
              {t('quotaReset')}
            </button>
          )}
        </div>
        <FormErrors error={setQuota.error} />
        {setQuota.isSuccess ? <p role="status">{t('quotaSaved')}</p> : null}
      </form>
    </article>
  )
}

/** Connected schools: how many people and how much storage each uses, and each one's quota. */
export function SchoolsSection() {
  const t = useT(operatorTexts)
  const schools = useOperatorSchools()
  return (
    <section aria-labelledby="operator-schools">
      <h2 id="operator-schools">{t('schoolsTitle')}</h2>
      {schools.isPending ? (
        <Loading />
      ) : schools.isError ? (
        <ErrorMessage error={schools.error} />
      ) : schools.data.length === 0 ? (
        <p>{t('schoolsEmpty')}</p>
      ) : (
        <div className="cards">
          {schools.data.map((school) => (
            <SchoolCard key={school.id} school={school} />
          ))}
        </div>
      )}
    </section>
  )
}
