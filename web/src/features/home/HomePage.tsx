import { useId, useState } from 'react'
import { Link } from 'react-router-dom'
import { isStaffRole, type Me, type MyMembership, roleKey } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { RequireSignIn } from '../../lib/require-sign-in'
import { useWaiting } from '../../lib/waiting'
import { useSchool } from '../../lib/session'
import { commonTexts } from '../../lib/texts'
import { Page, SelectField } from '../../lib/ui'
import { useClasses } from './api'
import { MyInvitations } from './MyInvitations'
import { ParentInvite } from './ParentInvite'
import { homeTexts } from './texts'
import './home.css'

const chosenSchoolKey = 'sfera.school'

interface SchoolGroup {
  schoolId: string
  schoolName: string
  memberships: MyMembership[]
}

function groupBySchool(memberships: MyMembership[]): SchoolGroup[] {
  const groups = new Map<string, SchoolGroup>()
  for (const m of memberships) {
    const group = groups.get(m.schoolId) ?? { schoolId: m.schoolId, schoolName: m.schoolName, memberships: [] }
    group.memberships.push(m)
    groups.set(m.schoolId, group)
  }
  return [...groups.values()]
}

function readChosenSchool(): string | null {
  try {
    return localStorage.getItem(chosenSchoolKey)
  } catch {
    return null
  }
}

function JournalLinks({ schoolId, memberships }: { schoolId: string; memberships: MyMembership[] }) {
  const t = useT(homeTexts)
  const school = useSchool(schoolId)
  const hintId = useId()
  const journalUrl = school.data?.journalUrl
  // The row is there from the start, so the school's answer does not push what follows down.
  if (!school.data) return <p className="link-row journal-links" aria-hidden="true" />
  if (!journalUrl) return <p className="muted journal-links">{t('noJournal')}</p>
  const staff = memberships.some((m) => isStaffRole(m.role))
  const family = memberships.some((m) => !isStaffRole(m.role))
  return (
    <p className="link-row journal-links">
      {staff ? (
        <a
          className="button-link"
          href={journalUrl}
          target="_blank"
          rel="noopener noreferrer"
          aria-describedby={hintId}
        >
          {t('journal')}
        </a>
      ) : null}
      {family ? (
        <a
          className="button-link"
          href={journalUrl}
          target="_blank"
          rel="noopener noreferrer"
          aria-describedby={hintId}
        >
          {t('diary')}
        </a>
      ) : null}
      <span id={hintId} className="visually-hidden">
        {t('newTab')}
      </span>
    </p>
  )
}

function SchoolPanel({ group, me }: { group: SchoolGroup; me: Me }) {
  const t = useT(homeTexts)
  const common = useT(commonTexts)
  const headingId = useId()
  const confirmed = group.memberships.filter((m) => m.status === 'Confirmed')
  const isAdmin = confirmed.some((m) => m.role === 'Admin')
  const isTeacher = confirmed.some((m) => m.role === 'Teacher')
  const student = confirmed.find((m) => m.role === 'Student')
  const classes = useClasses(group.schoolId, isTeacher && !isAdmin)
  const leadsClass = classes.data?.some((c) => c.classTeacher?.accountId === me.id) ?? false
  const [waiting] = useWaiting(isAdmin || isTeacher ? [group.schoolId] : [])

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{group.schoolName}</h2>
      <p>
        <span className="muted">{t('yourRoles')}: </span>
        {confirmed
          .map((m) => common(roleKey(m.role)) + (m.className ? `, ${t('classLabel', { className: m.className })}` : ''))
          .join('; ')}
      </p>
      <p>
        <Link className="button-link" to={`/school/${group.schoolId}/chats`}>
          {t('chats')}
        </Link>
      </p>
      <JournalLinks schoolId={group.schoolId} memberships={confirmed} />
      {isAdmin ? (
        <p>
          <Link className="button-link" to={`/school/${group.schoolId}/admin/classes`}>
            {t('adminLink')}
          </Link>
        </p>
      ) : null}
      {!isAdmin && leadsClass ? (
        <p>
          <Link className="button-link" to={`/school/${group.schoolId}/admin/invites`}>
            {t('classTeacherLink')}
          </Link>
        </p>
      ) : null}
      {waiting && waiting.joinRequests > 0 ? (
        <p>
          <Link to={`/school/${group.schoolId}/admin/requests`}>
            {t('waitingRequests', { count: waiting.joinRequests })}
          </Link>
          <span className="count-badge" aria-hidden="true">
            {waiting.joinRequests}
          </span>
        </p>
      ) : null}
      {waiting && waiting.reports > 0 ? (
        <p>
          <Link to={`/school/${group.schoolId}/admin/reports`}>{t('waitingReports', { count: waiting.reports })}</Link>
          <span className="count-badge" aria-hidden="true">
            {waiting.reports}
          </span>
        </p>
      ) : null}
      {student?.classId ? <ParentInvite schoolId={group.schoolId} /> : null}
    </section>
  )
}

/** How this person can sign in: with their phone, e-mail or login, whichever they have (the login may be generated). */
function SignInWays({ me }: { me: Me }) {
  const t = useT(homeTexts)
  const ways = [
    me.phone ? t('wayPhone', { phone: me.phone }) : null,
    me.email ? t('wayEmail', { email: me.email }) : null,
    t('wayLogin', { login: me.login }),
  ].filter((w): w is string => w !== null)
  return (
    <p className="muted">
      {t('signInWays', {
        ways: ways.length > 1 ? ways.slice(0, -1).join(', ') + t('waysOr') + ways[ways.length - 1] : ways[0],
      })}{' '}
      <Link to="/account">{t('chooseLogin')}</Link>
    </p>
  )
}

function Home({ me }: { me: Me }) {
  const t = useT(homeTexts)
  const common = useT(commonTexts)
  const schools = groupBySchool(me.memberships).filter((g) => g.memberships.some((m) => m.status === 'Confirmed'))
  const pending = me.memberships.filter((m) => m.status === 'Pending')
  const [chosen, setChosen] = useState<string | null>(readChosenSchool)
  const current = schools.find((s) => s.schoolId === chosen) ?? schools[0]

  function choose(schoolId: string) {
    setChosen(schoolId)
    try {
      localStorage.setItem(chosenSchoolKey, schoolId)
    } catch {
      // remembered for this visit only
    }
  }

  return (
    <Page title={t('greeting', { name: me.displayName })}>
      <SignInWays me={me} />

      <MyInvitations onJoined={choose} />

      {pending.length > 0 ? (
        <section className="notice" aria-label={t('pendingTitle')}>
          <ul className="plain">
            {pending.map((m) => (
              <li key={m.membershipId}>
                {t('pending', { school: m.schoolName })}{' '}
                <span className="muted">
                  {t('pendingRole', { role: common(roleKey(m.role)) })}
                  {m.className ? `, ${t('pendingClass', { className: m.className })}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {me.isOperator ? (
        <section className="card" aria-label={t('operatorTitle')}>
          <h2>{t('operatorTitle')}</h2>
          <p>
            <Link className="button-link" to="/operator">
              {t('operatorLink')}
            </Link>
          </p>
        </section>
      ) : null}

      {schools.length > 1 ? (
        <div className="toolbar">
          <SelectField label={t('school')} value={current?.schoolId} onChange={(e) => choose(e.target.value)}>
            {schools.map((s) => (
              <option key={s.schoolId} value={s.schoolId}>
                {s.schoolName}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}

      {current ? <SchoolPanel key={current.schoolId} group={current} me={me} /> : null}

      {schools.length === 0 && pending.length === 0 && !me.isOperator ? (
        <>
          <p>{t('noSchools')}</p>
          <p>
            <Link to="/apply">{t('applyLink')}</Link>
          </p>
        </>
      ) : null}
    </Page>
  )
}

export function HomePage() {
  return <RequireSignIn>{(me) => <Home me={me} />}</RequireSignIn>
}
