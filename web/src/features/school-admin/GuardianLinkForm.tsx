import { type FormEvent, useId, useState } from 'react'
import { useT } from '../../lib/i18n'
import { fieldError } from '../../lib/problem'
import { FormErrors, SelectField } from '../../lib/ui'
import { type Person, useLinkGuardian } from './api'
import { adminTexts } from './texts'

export function GuardianLinkForm({ schoolId, people }: { schoolId: string; people: Person[] }) {
  const t = useT(adminTexts)
  const headingId = useId()
  const link = useLinkGuardian(schoolId)
  const [guardian, setGuardian] = useState('')
  const [child, setChild] = useState('')
  const [missing, setMissing] = useState(false)
  const confirmed = people.filter((p) => p.status === 'Confirmed')
  const parents = confirmed.filter((p) => p.role === 'Parent')
  const students = confirmed.filter((p) => p.role === 'Student')

  function submit(event: FormEvent) {
    event.preventDefault()
    setMissing(!guardian || !child)
    if (!guardian || !child) return
    link.mutate({ guardianAccountId: guardian, childAccountId: child })
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('guardianTitle')}</h3>
      <form className="form form-inline" onSubmit={submit} noValidate>
        <FormErrors error={link.error} fields={['guardianAccountId', 'childAccountId']} />
        {link.isSuccess ? (
          <p role="status" className="alert alert-success">
            {t('linked')}
          </p>
        ) : null}
        <SelectField
          label={t('guardian')}
          value={guardian}
          onChange={(e) => {
            setGuardian(e.target.value)
            link.reset()
          }}
          error={missing && !guardian ? t('pickOne') : fieldError(link.error, 'guardianAccountId')}
        >
          <option value="">{t('choosePerson')}</option>
          {parents.map((p) => (
            <option key={p.accountId} value={p.accountId}>
              {p.displayName}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('child')}
          value={child}
          onChange={(e) => {
            setChild(e.target.value)
            link.reset()
          }}
          error={missing && !child ? t('pickOne') : fieldError(link.error, 'childAccountId')}
        >
          <option value="">{t('choosePerson')}</option>
          {students.map((p) => (
            <option key={p.accountId} value={p.accountId}>
              {p.className ? `${p.displayName} (${p.className})` : p.displayName}
            </option>
          ))}
        </SelectField>
        <div className="actions">
          <button type="submit" disabled={link.isPending}>
            {t('link')}
          </button>
        </div>
      </form>
    </section>
  )
}
