import { type FormEvent, useId, useState } from 'react'
import type { School } from '../../lib/api-types'
import { formatBytes } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { fieldError } from '../../lib/problem'
import { useSchool } from '../../lib/session'
import { ErrorMessage, Field, FormErrors, Loading } from '../../lib/ui'
import type { Access } from './AdminConsole'
import { useStorage, useUpdateSettings } from './api'
import { adminTexts } from './texts'

function SettingsForm({ school }: { school: School }) {
  const t = useT(adminTexts)
  const id = useId()
  const update = useUpdateSettings(school.id)
  const [fullName, setFullName] = useState(school.fullName)
  const [shortName, setShortName] = useState(school.shortName)
  const [journalUrl, setJournalUrl] = useState(school.journalUrl ?? '')
  const [studentsMayWrite, setStudentsMayWrite] = useState(school.studentsMayWriteOtherStudents)
  const [parentsMayWrite, setParentsMayWrite] = useState(school.parentsMayWriteClassParents)
  const [editWindow, setEditWindow] = useState(String(school.editWindowMinutes))
  const editMinutes = Number(editWindow)
  const editValid =
    editWindow.trim() !== '' && Number.isInteger(editMinutes) && editMinutes >= 0 && editMinutes <= 10080

  function submit(event: FormEvent) {
    event.preventDefault()
    update.mutate({
      fullName: fullName.trim(),
      shortName: shortName.trim(),
      journalUrl: journalUrl.trim() || null,
      studentsMayWriteOtherStudents: studentsMayWrite,
      parentsMayWriteClassParents: parentsMayWrite,
      // Left out when not a whole number in range: the server keeps the current value, and the field says why.
      editWindowMinutes: editValid ? editMinutes : undefined,
    })
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormErrors error={update.error} fields={['fullName', 'shortName', 'journalUrl', 'editWindowMinutes']} />
      {update.isSuccess ? (
        <p role="status" className="alert alert-success">
          {t('saved')}
        </p>
      ) : null}
      <Field
        label={t('fullName')}
        name="fullName"
        required
        value={fullName}
        onChange={(e) => {
          setFullName(e.target.value)
          update.reset()
        }}
        error={fieldError(update.error, 'fullName')}
      />
      <Field
        label={t('shortName')}
        name="shortName"
        required
        value={shortName}
        onChange={(e) => {
          setShortName(e.target.value)
          update.reset()
        }}
        error={fieldError(update.error, 'shortName')}
      />
      <Field
        label={t('journalUrl')}
        hint={t('journalHint')}
        name="journalUrl"
        type="url"
        inputMode="url"
        value={journalUrl}
        onChange={(e) => {
          setJournalUrl(e.target.value)
          update.reset()
        }}
        error={fieldError(update.error, 'journalUrl')}
      />
      <fieldset>
        <legend>{t('contactPolicy')}</legend>
        <p className="hint">{t('contactPolicyHint')}</p>
        <div className="switch-row">
          <input
            id={`${id}-students`}
            type="checkbox"
            // oxlint-disable-next-line jsx-a11y/role-has-required-aria-props -- a checkbox's checked is its aria-checked
            role="switch"
            checked={studentsMayWrite}
            onChange={(e) => {
              setStudentsMayWrite(e.target.checked)
              update.reset()
            }}
          />
          <label htmlFor={`${id}-students`}>{t('studentsMayWrite')}</label>
        </div>
        <div className="switch-row">
          <input
            id={`${id}-parents`}
            type="checkbox"
            // oxlint-disable-next-line jsx-a11y/role-has-required-aria-props -- a checkbox's checked is its aria-checked
            role="switch"
            checked={parentsMayWrite}
            onChange={(e) => {
              setParentsMayWrite(e.target.checked)
              update.reset()
            }}
          />
          <label htmlFor={`${id}-parents`}>{t('parentsMayWrite')}</label>
        </div>
      </fieldset>
      <Field
        label={t('editWindow')}
        hint={t('editWindowHint')}
        name="editWindowMinutes"
        type="number"
        inputMode="numeric"
        min={0}
        max={10080}
        step={1}
        value={editWindow}
        onChange={(e) => {
          setEditWindow(e.target.value)
          update.reset()
        }}
        error={fieldError(update.error, 'editWindowMinutes') ?? (editValid ? undefined : t('editWindowHint'))}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={update.isPending || !editValid}>
          {t('save')}
        </button>
      </div>
    </form>
  )
}

function StorageUse({ schoolId }: { schoolId: string }) {
  const t = useT(adminTexts)
  const language = useLanguage()
  const storage = useStorage(schoolId)
  if (!storage.data) return null
  const { usedBytes, quotaBytes, maxUploadBytes } = storage.data
  const used = formatBytes(usedBytes, language)
  const quota = formatBytes(quotaBytes, language)
  return (
    <section aria-labelledby="storage-heading" className="storage-use">
      <h3 id="storage-heading">{t('storageTitle')}</h3>
      <meter
        min={0}
        max={quotaBytes}
        value={usedBytes}
        high={quotaBytes * 0.9}
        aria-labelledby="storage-heading"
        aria-valuetext={t('storageUsed', { used, quota })}
      />
      <p>{t('storageUsed', { used, quota })}</p>
      <p className="hint">{t('storageLimit', { max: formatBytes(maxUploadBytes, language) })}</p>
    </section>
  )
}

export function SettingsSection({ access }: { access: Access }) {
  const t = useT(adminTexts)
  const school = useSchool(access.schoolId)
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settingsTitle')}</h2>
      {school.isPending ? (
        <Loading />
      ) : school.isError ? (
        <ErrorMessage error={school.error} />
      ) : (
        <SettingsForm school={school.data} />
      )}
      <StorageUse schoolId={access.schoolId} />
    </section>
  )
}
