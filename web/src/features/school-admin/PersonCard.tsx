import { type FormEvent, useId, useState } from 'react'
import { roleKey } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { fieldError } from '../../lib/problem'
import { commonTexts } from '../../lib/texts'
import { ConfirmButton, FormErrors, SelectField } from '../../lib/ui'
import { ActivationCodeAction } from './ActivationCodeAction'
import { type Person, type SchoolClass, useMovePerson, useRemovePerson } from './api'
import { adminTexts } from './texts'

function MoveStudent({ schoolId, person, classes }: { schoolId: string; person: Person; classes: SchoolClass[] }) {
  const t = useT(adminTexts)
  const move = useMovePerson(schoolId)
  const [classId, setClassId] = useState(person.classId ?? '')

  function submit(event: FormEvent) {
    event.preventDefault()
    if (classId) move.mutate({ membershipId: person.membershipId, classId })
  }

  return (
    <form className="form form-inline" onSubmit={submit} noValidate>
      <FormErrors error={move.error} fields={['classId']} />
      <SelectField
        label={t('moveTo')}
        value={classId}
        onChange={(e) => setClassId(e.target.value)}
        error={fieldError(move.error, 'classId')}
      >
        <option value="">{t('chooseClass')}</option>
        {classes.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <div className="actions">
        <button type="submit" disabled={move.isPending || !classId || classId === person.classId}>
          {t('move')}
        </button>
      </div>
    </form>
  )
}

function RemovePerson({ schoolId, person }: { schoolId: string; person: Person }) {
  const t = useT(adminTexts)
  const remove = useRemovePerson(schoolId)
  return (
    <ConfirmButton
      label={t('remove')}
      question={t('confirmRemove', { name: person.displayName })}
      confirmLabel={t('confirmRemoveYes')}
      cancelLabel={t('cancel')}
      danger
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate(person.membershipId)}
    />
  )
}

export function PersonCard({
  schoolId,
  person,
  classes,
}: {
  schoolId: string
  person: Person
  classes: SchoolClass[]
}) {
  const t = useT(adminTexts)
  const common = useT(commonTexts)
  const headingId = useId()
  const facts = [
    common(roleKey(person.role)),
    person.className ? t('classOf', { className: person.className }) : null,
    person.login ? t('loginOf', { login: person.login }) : null,
    person.phone,
    person.email,
  ].filter(Boolean)

  return (
    <li>
      <article className="card person" aria-labelledby={headingId}>
        <h3 id={headingId}>
          {person.displayName}
          {person.status === 'Pending' ? <span className="badge">{t('pendingStatus')}</span> : null}
        </h3>
        <p className="muted">{facts.join(' · ')}</p>
        {person.signInLinks.length > 0 ? (
          <p className="muted small-text">{t('signInLinks', { names: person.signInLinks.join(', ') })}</p>
        ) : null}
        {person.children.length > 0 ? (
          <p>{t('childrenList', { names: person.children.map((c) => c.displayName).join(', ') })}</p>
        ) : null}
        {person.guardians.length > 0 ? (
          <p>{t('guardiansList', { names: person.guardians.map((g) => g.displayName).join(', ') })}</p>
        ) : null}
        {person.role === 'Student' && person.status === 'Confirmed' ? (
          <MoveStudent schoolId={schoolId} person={person} classes={classes} />
        ) : null}
        {person.status === 'Confirmed' ? <ActivationCodeAction schoolId={schoolId} person={person} /> : null}
        {person.status === 'Confirmed' ? <RemovePerson schoolId={schoolId} person={person} /> : null}
      </article>
    </li>
  )
}
