import { type FormEvent, useState } from 'react'
import type { School } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { fieldError } from '../../lib/problem'
import { useSchool } from '../../lib/session'
import { ErrorMessage, Field, FormErrors, Loading } from '../../lib/ui'
import type { Access } from './AdminConsole'
import { useUpdateSettings } from './api'
import { adminTexts } from './texts'

function SettingsForm({ school }: { school: School }) {
  const t = useT(adminTexts)
  const update = useUpdateSettings(school.id)
  const [fullName, setFullName] = useState(school.fullName)
  const [shortName, setShortName] = useState(school.shortName)
  const [journalUrl, setJournalUrl] = useState(school.journalUrl ?? '')

  function submit(event: FormEvent) {
    event.preventDefault()
    update.mutate({ fullName: fullName.trim(), shortName: shortName.trim(), journalUrl: journalUrl.trim() || null })
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormErrors error={update.error} fields={['fullName', 'shortName', 'journalUrl']} />
      {update.isSuccess ? <p role="status" className="alert alert-success">{t('saved')}</p> : null}
      <Field label={t('fullName')} name="fullName" required value={fullName} onChange={(e) => { setFullName(e.target.value); update.reset() }}
        error={fieldError(update.error, 'fullName')} />
      <Field label={t('shortName')} name="shortName" required value={shortName} onChange={(e) => { setShortName(e.target.value); update.reset() }}
        error={fieldError(update.error, 'shortName')} />
      <Field label={t('journalUrl')} hint={t('journalHint')} name="journalUrl" type="url" inputMode="url" value={journalUrl}
        onChange={(e) => { setJournalUrl(e.target.value); update.reset() }} error={fieldError(update.error, 'journalUrl')} />
      <div className="actions">
        <button type="submit" className="primary" disabled={update.isPending}>{t('save')}</button>
      </div>
    </form>
  )
}

export function SettingsSection({ access }: { access: Access }) {
  const t = useT(adminTexts)
  const school = useSchool(access.schoolId)
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settingsTitle')}</h2>
      {school.isPending ? <Loading /> : school.isError ? <ErrorMessage error={school.error} /> : <SettingsForm school={school.data} />}
    </section>
  )
}
