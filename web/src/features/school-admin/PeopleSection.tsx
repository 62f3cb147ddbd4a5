import { useState } from 'react'
import { type Role, roleKey, roles } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { commonTexts } from '../../lib/texts'
import { ErrorMessage, Field, Loading, SelectField } from '../../lib/ui'
import { AddPersonForm } from './AddPersonForm'
import type { Access } from './AdminConsole'
import { type SchoolClass, usePeople } from './api'
import { GuardianLinkForm } from './GuardianLinkForm'
import { PendingInvitations } from './PendingInvitations'
import { PersonCard } from './PersonCard'
import { adminTexts } from './texts'

export function PeopleSection({ access, classes }: { access: Access; classes: SchoolClass[] }) {
  const t = useT(adminTexts)
  const common = useT(commonTexts)
  const people = usePeople(access.schoolId)
  const [role, setRole] = useState<Role | ''>('')
  const [query, setQuery] = useState('')

  const needle = query.trim().toLocaleLowerCase()
  const shown = (people.data ?? []).filter(
    (p) => (!role || p.role === role) && (!needle || p.displayName.toLocaleLowerCase().includes(needle)),
  )

  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">{t('peopleTitle')}</h2>
      <AddPersonForm schoolId={access.schoolId} classes={classes} />
      <PendingInvitations schoolId={access.schoolId} />
      {people.data ? <GuardianLinkForm schoolId={access.schoolId} people={people.data} /> : null}
      <div className="toolbar">
        <SelectField label={t('roleFilter')} value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
          <option value="">{t('allRoles')}</option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {common(roleKey(r))}
            </option>
          ))}
        </SelectField>
        <Field label={t('search')} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {people.isPending ? (
        <Loading />
      ) : people.isError ? (
        <ErrorMessage error={people.error} />
      ) : (
        <>
          <p className="muted" role="status">
            {t('peopleCount', { count: shown.length })}
          </p>
          {shown.length === 0 ? (
            <p>{t('noPeople')}</p>
          ) : (
            <ul className="plain cards">
              {shown.map((p) => (
                <PersonCard key={p.membershipId} schoolId={access.schoolId} person={p} classes={classes} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
