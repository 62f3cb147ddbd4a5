import { type FormEvent, useId, useState } from 'react'
import { type Role, roleKey, roles } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { fieldError } from '../../lib/problem'
import { commonTexts } from '../../lib/texts'
import { ErrorMessage, Field, FormErrors, Loading, SelectField } from '../../lib/ui'
import type { Access } from './AdminConsole'
import { useCreateInvite, useInvites } from './api'
import { InviteCard } from './InviteCard'
import { adminTexts } from './texts'

const classedRoles: readonly Role[] = ['Student', 'Parent']

function CreateInvite({ access }: { access: Access }) {
  const t = useT(adminTexts)
  const common = useT(commonTexts)
  const headingId = useId()
  const create = useCreateInvite(access.schoolId)
  // A class teacher invites students and parents to their own classes only.
  const allowedRoles = access.isAdmin ? roles : classedRoles
  const [role, setRole] = useState<Role>('Student')
  const [classId, setClassId] = useState(access.managedClasses.length === 1 ? access.managedClasses[0].id : '')
  const [days, setDays] = useState('14')
  const [maxUses, setMaxUses] = useState('40')
  const classed = classedRoles.includes(role)

  function submit(event: FormEvent) {
    event.preventDefault()
    create.mutate({
      role,
      classId: classed && classId ? classId : null,
      expiresInDays: days.trim() ? Number(days) : null,
      maxUses: maxUses.trim() ? Number(maxUses) : null,
    })
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('createInviteTitle')}</h3>
      <form className="form form-inline" onSubmit={submit} noValidate>
        <FormErrors error={create.error} fields={['role', 'classId', 'expiresInDays', 'maxUses']} />
        {create.isSuccess ? (
          <p role="status" className="alert alert-success">
            {t('inviteCreated')}
          </p>
        ) : null}
        <SelectField
          label={t('inviteRole')}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          error={fieldError(create.error, 'role')}
        >
          {allowedRoles.map((r) => (
            <option key={r} value={r}>
              {common(roleKey(r))}
            </option>
          ))}
        </SelectField>
        {classed ? (
          <SelectField
            label={t('inviteClass')}
            value={classId}
            onChange={(e) => setClassId(e.target.value)}
            required
            error={fieldError(create.error, 'classId')}
          >
            <option value="">{t('chooseClass')}</option>
            {access.managedClasses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <Field
          label={t('expiresInDays')}
          hint={t('expiresHint')}
          type="number"
          min={1}
          max={90}
          inputMode="numeric"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={fieldError(create.error, 'expiresInDays')}
        />
        <Field
          label={t('maxUses')}
          hint={t('maxUsesHint')}
          type="number"
          min={1}
          max={1000}
          inputMode="numeric"
          value={maxUses}
          onChange={(e) => setMaxUses(e.target.value)}
          error={fieldError(create.error, 'maxUses')}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('createInvite')}
          </button>
        </div>
      </form>
    </section>
  )
}

export function InvitesSection({ access }: { access: Access }) {
  const t = useT(adminTexts)
  const invites = useInvites(access.schoolId)
  return (
    <section aria-labelledby="invites-heading">
      <h2 id="invites-heading">{t('invitesTitle')}</h2>
      <CreateInvite access={access} />
      {invites.isPending ? (
        <Loading />
      ) : invites.isError ? (
        <ErrorMessage error={invites.error} />
      ) : invites.data.length === 0 ? (
        <p>{t('noInvites')}</p>
      ) : (
        <ul className="plain cards">
          {invites.data.map((invite) => (
            <InviteCard key={invite.id} schoolId={access.schoolId} invite={invite} />
          ))}
        </ul>
      )}
    </section>
  )
}
