import { useId } from 'react'
import { roleKey } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { commonTexts } from '../../lib/texts'
import { ErrorMessage, Loading } from '../../lib/ui'
import { ActivationCodeAction } from './ActivationCodeAction'
import type { Access } from './AdminConsole'
import { type Person, usePeople } from './api'
import { adminTexts } from './texts'

/** The students of the classes a class teacher leads and their parents: who may get a new activation code. */
export function classPeople(people: Person[], classId: string) {
  const students = people.filter((p) => p.role === 'Student' && p.status === 'Confirmed' && p.classId === classId)
  const ids = new Set(students.map((s) => s.accountId))
  const parents = people.filter(
    (p) => p.role === 'Parent' && p.status === 'Confirmed' && p.children.some((c) => ids.has(c.accountId)),
  )
  return { students, parents, ids }
}

function Member({ schoolId, person, note }: { schoolId: string; person: Person; note?: string }) {
  const common = useT(commonTexts)
  const headingId = useId()
  return (
    <li>
      <article className="card person" aria-labelledby={headingId}>
        <h4 id={headingId}>{person.displayName}</h4>
        <p className="muted">{[common(roleKey(person.role)), note].filter(Boolean).join(' · ')}</p>
        <ActivationCodeAction schoolId={schoolId} person={person} />
      </article>
    </li>
  )
}

/** A class teacher's own class: each student and parent with "Новый код активации", for a forgotten password. */
export function MyClassSection({ access }: { access: Access }) {
  const t = useT(adminTexts)
  const people = usePeople(access.schoolId)

  return (
    <section aria-labelledby="my-class-heading">
      <h2 id="my-class-heading">{t('myClassTitle')}</h2>
      <p className="hint">{t('myClassIntro')}</p>
      {people.isPending ? (
        <Loading />
      ) : people.isError ? (
        <ErrorMessage error={people.error} />
      ) : (
        access.managedClasses.map((c) => {
          const { students, parents, ids } = classPeople(people.data, c.id)
          return (
            <section key={c.id} aria-label={c.name}>
              <h3>{c.name}</h3>
              <ul className="plain cards">
                {students.map((p) => (
                  <Member key={p.membershipId} schoolId={access.schoolId} person={p} />
                ))}
                {parents.map((p) => (
                  <Member
                    key={p.membershipId}
                    schoolId={access.schoolId}
                    person={p}
                    note={t('myClassParentOf', {
                      names: p.children
                        .filter((k) => ids.has(k.accountId))
                        .map((k) => k.displayName)
                        .join(', '),
                    })}
                  />
                ))}
              </ul>
            </section>
          )
        })
      )}
    </section>
  )
}
