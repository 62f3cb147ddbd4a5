import { type FormEvent, useId, useState } from 'react'
import { type Role, roleKey, roles } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { fieldError } from '../../lib/problem'
import { commonTexts } from '../../lib/texts'
import { CopyField, Field, FormErrors, SelectField } from '../../lib/ui'
import { type AddPersonResponse, type SchoolClass, useAddPerson } from './api'
import { adminTexts } from './texts'

/** What came of adding: the new person (with their one-time code when the account is new), or the invitation sent to an account's owner. */
export function AddPersonResult({ result }: { result: AddPersonResponse }) {
  const t = useT(adminTexts)
  if (result.invitation) {
    return (
      <div className="notice" role="status">
        <p>
          <strong>{t('invitedTitle', { name: result.invitation.displayName })}</strong>
        </p>
        <p>{t('invitedAccount')}</p>
        <p>{t('invitedNext')}</p>
      </div>
    )
  }
  if (!result.person) return null
  return (
    <div className="notice notice-success" role="status">
      <p>
        <strong>{t('addedTitle', { name: result.person.displayName })}</strong>
      </p>
      {result.person.login ? <p>{t('loginIs', { login: result.person.login })}</p> : null}
      {result.activationCode && result.activationUrl ? (
        <>
          <p>{t('activationHint')}</p>
          <CopyField label={t('activationCode')} value={result.activationCode} large />
          <CopyField label={t('activationLink')} value={result.activationUrl} />
        </>
      ) : (
        <p>{t('hasAccount')}</p>
      )}
    </div>
  )
}

export function AddPersonForm({ schoolId, classes }: { schoolId: string; classes: SchoolClass[] }) {
  const t = useT(adminTexts)
  const common = useT(commonTexts)
  const headingId = useId()
  const add = useAddPerson(schoolId)
  const [displayName, setDisplayName] = useState('')
  const [role, setRole] = useState<Role>('Student')
  const [classId, setClassId] = useState('')
  const [phone, setPhone] = useState('')
  const [email, setEmail] = useState('')

  function submit(event: FormEvent) {
    event.preventDefault()
    add.mutate(
      {
        displayName: displayName.trim(),
        role,
        classId: role === 'Student' && classId ? classId : null,
        phone: phone.trim() || null,
        email: email.trim() || null,
      },
      {
        onSuccess: () => {
          setDisplayName('')
          setPhone('')
          setEmail('')
        },
      },
    )
  }

  const result = add.data
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('addPersonTitle')}</h3>
      {result ? <AddPersonResult result={result} /> : null}
      <form className="form" onSubmit={submit} noValidate>
        <FormErrors error={add.error} fields={['displayName', 'role', 'classId', 'phone', 'email']} />
        <Field
          label={t('personName')}
          name="displayName"
          autoComplete="off"
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={fieldError(add.error, 'displayName')}
        />
        <SelectField
          label={t('personRole')}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          error={fieldError(add.error, 'role')}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {common(roleKey(r))}
            </option>
          ))}
        </SelectField>
        {role === 'Student' ? (
          <SelectField
            label={t('personClass')}
            value={classId}
            onChange={(e) => setClassId(e.target.value)}
            required
            error={fieldError(add.error, 'classId')}
          >
            <option value="">{t('chooseClass')}</option>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <Field
          label={`${t('phone')} ${common('optional')}`}
          name="phone"
          type="tel"
          autoComplete="off"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={fieldError(add.error, 'phone')}
          hint={t('contactHint')}
        />
        <Field
          label={`${t('email')} ${common('optional')}`}
          name="email"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(add.error, 'email')}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={add.isPending}>
            {t('addPerson')}
          </button>
        </div>
      </form>
    </section>
  )
}
