import type { ReactNode } from 'react'
import { Navigate, NavLink, Route, Routes, useParams } from 'react-router-dom'
import type { Me } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { RequireSignIn } from '../../lib/require-sign-in'
import { useSchool } from '../../lib/session'
import { ErrorMessage, Loading, Page } from '../../lib/ui'
import { type SchoolClass, useClasses } from './api'
import { AuditSection } from './AuditSection'
import { ClassesSection } from './ClassesSection'
import { InvitesSection } from './InvitesSection'
import { JoinRequestsSection } from './JoinRequestsSection'
import { MyClassSection } from './MyClassSection'
import { NotificationsSection } from './NotificationsSection'
import { PeopleSection } from './PeopleSection'
import { ReportsSection } from './ReportsSection'
import { RosterSection } from './RosterSection'
import { SettingsSection } from './SettingsSection'
import { type AdminKey, adminTexts } from './texts'
import './school-admin.css'

/** What the caller may use here: everything as an administrator, their classes' invites and requests as a class teacher. */
export interface Access {
  schoolId: string
  schoolName: string
  isAdmin: boolean
  /** The classes whose invites and joiners the caller manages: all for an administrator. */
  managedClasses: SchoolClass[]
}

const adminTabs: { path: string; label: AdminKey }[] = [
  { path: 'classes', label: 'tabClasses' },
  { path: 'people', label: 'tabPeople' },
  { path: 'invites', label: 'tabInvites' },
  { path: 'requests', label: 'tabRequests' },
  { path: 'roster', label: 'tabRoster' },
  { path: 'reports', label: 'tabReports' },
  { path: 'audit', label: 'tabAudit' },
  { path: 'settings', label: 'tabSettings' },
  { path: 'notifications', label: 'tabNotifications' },
]
const classTeacherTabs = [
  ...adminTabs.filter((tab) => tab.path === 'invites' || tab.path === 'requests' || tab.path === 'reports'),
  { path: 'class', label: 'tabMyClass' as AdminKey },
]

function Console({ me, schoolId }: { me: Me; schoolId: string }) {
  const t = useT(adminTexts)
  const school = useSchool(schoolId)
  const classes = useClasses(schoolId)

  if (school.isPending || classes.isPending) return <Loading />
  if (school.isError) return <ErrorMessage error={school.error} />

  const isAdmin = school.data.myRoles.includes('Admin')
  const allClasses = classes.data ?? []
  const managedClasses = isAdmin ? allClasses : allClasses.filter((c) => c.classTeacher?.accountId === me.id)
  if (!isAdmin && managedClasses.length === 0) return <p role="alert">{t('notAllowed')}</p>

  const access: Access = { schoolId, schoolName: school.data.shortName, isAdmin, managedClasses }
  const tabs = isAdmin ? adminTabs : classTeacherTabs
  // Absolute paths: inside a splat route, relative ones resolve against the whole URL.
  const root = `/school/${schoolId}/admin`
  const allowed = (element: ReactNode) => (isAdmin ? element : <Navigate to={`${root}/invites`} replace />)

  return (
    <>
      <p className="lead no-print">{school.data.fullName}</p>
      <nav aria-label={t('sections')} className="tabs no-print">
        {tabs.map((tab) => (
          <NavLink key={tab.path} to={`${root}/${tab.path}`}>
            {t(tab.label)}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<Navigate to={`${root}/${isAdmin ? 'classes' : 'invites'}`} replace />} />
        <Route path="classes" element={allowed(<ClassesSection access={access} classes={allClasses} />)} />
        <Route path="people" element={allowed(<PeopleSection access={access} classes={allClasses} />)} />
        <Route path="invites" element={<InvitesSection access={access} />} />
        <Route path="requests" element={<JoinRequestsSection access={access} />} />
        <Route path="roster" element={allowed(<RosterSection access={access} />)} />
        <Route path="reports" element={<ReportsSection access={access} />} />
        <Route
          path="class"
          element={isAdmin ? <Navigate to={`${root}/people`} replace /> : <MyClassSection access={access} />}
        />
        <Route path="audit" element={allowed(<AuditSection access={access} classes={allClasses} />)} />
        <Route path="settings" element={allowed(<SettingsSection access={access} />)} />
        <Route path="notifications" element={allowed(<NotificationsSection access={access} />)} />
        <Route path="*" element={<Navigate to={root} replace />} />
      </Routes>
    </>
  )
}

export function AdminConsole() {
  const t = useT(adminTexts)
  const { schoolId = '' } = useParams()
  return (
    <Page title={t('title')} wide>
      <RequireSignIn>{(me) => <Console me={me} schoolId={schoolId} />}</RequireSignIn>
    </Page>
  )
}
