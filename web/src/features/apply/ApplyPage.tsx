import { type FormEvent, useState } from 'react'
import { Link } from 'react-router-dom'
import { type SchoolType, schoolTypeKey, schoolTypes } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { fieldError } from '../../lib/problem'
import { commonTexts } from '../../lib/texts'
import { Field, FormErrors, Page, SelectField } from '../../lib/ui'
import { type SchoolApplicationRequest, useMailConfigured, useSubmitApplication } from './api'
import { applyTexts } from './texts'

type Form = Omit<SchoolApplicationRequest, 'type'> & { type: SchoolType }
const fields = ['fullName', 'shortName', 'type', 'region', 'inn', 'adminName', 'adminPhone', 'adminEmail'] as const

export function ApplyPage() {
  const t = useT(applyTexts)
  const common = useT(commonTexts)
  const submit = useSubmitApplication()
  // Until the answer comes (or if it fails), promise nothing.
  const mail = useMailConfigured().data === true
  const [form, setForm] = useState<Form>({
    fullName: '',
    shortName: '',
    type: 'School',
    region: '',
    inn: '',
    adminName: '',
    adminPhone: '',
    adminEmail: '',
  })
  const change = (key: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value })
  const error = (key: keyof Form) => fieldError(submit.error, key)

  function send(event: FormEvent) {
    event.preventDefault()
    const trimmed = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim()])) as Form
    submit.mutate(trimmed)
  }

  if (submit.isSuccess) {
    return (
      <Page title={t('doneTitle')}>
        <p role="status">{t(mail ? 'doneText' : 'doneTextNoMail', { email: form.adminEmail.trim() })}</p>
        <p>
          <Link to="/signin" reloadDocument>
            {t('signInLink')}
          </Link>
        </p>
      </Page>
    )
  }

  return (
    <Page title={t('title')}>
      <p>{t('intro')}</p>
      <form className="form" onSubmit={send} noValidate>
        <FormErrors error={submit.error} fields={fields} />
        <Field
          label={t('fullName')}
          hint={t('fullNameHint')}
          name="fullName"
          required
          value={form.fullName}
          onChange={change('fullName')}
          error={error('fullName')}
        />
        <Field
          label={t('shortName')}
          hint={t('shortNameHint')}
          name="shortName"
          required
          value={form.shortName}
          onChange={change('shortName')}
          error={error('shortName')}
        />
        <SelectField label={t('type')} name="type" value={form.type} onChange={change('type')} error={error('type')}>
          {schoolTypes.map((type) => (
            <option key={type} value={type}>
              {common(schoolTypeKey(type))}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('region')}
          name="region"
          autoComplete="address-level1"
          required
          value={form.region}
          onChange={change('region')}
          error={error('region')}
        />
        <Field
          label={t('inn')}
          hint={t('innHint')}
          name="inn"
          inputMode="numeric"
          maxLength={12}
          required
          value={form.inn}
          onChange={change('inn')}
          error={error('inn')}
        />
        <fieldset>
          <legend>{t('adminSection')}</legend>
          <Field
            label={t('adminName')}
            name="adminName"
            autoComplete="name"
            required
            value={form.adminName}
            onChange={change('adminName')}
            error={error('adminName')}
          />
          <Field
            label={t('adminPhone')}
            name="adminPhone"
            type="tel"
            autoComplete="tel"
            required
            value={form.adminPhone}
            onChange={change('adminPhone')}
            error={error('adminPhone')}
          />
          <Field
            label={t('adminEmail')}
            hint={t(mail ? 'adminEmailHint' : 'adminEmailHintNoMail')}
            name="adminEmail"
            type="email"
            autoComplete="email"
            required
            value={form.adminEmail}
            onChange={change('adminEmail')}
            error={error('adminEmail')}
          />
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={submit.isPending}>
            {t('submit')}
          </button>
        </div>
      </form>
    </Page>
  )
}
