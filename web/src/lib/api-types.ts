// Wire types several features share; the server sends enums as their names.

export type Role = 'Admin' | 'Teacher' | 'Staff' | 'Student' | 'Parent'
export const roles: readonly Role[] = ['Admin', 'Teacher', 'Staff', 'Student', 'Parent']

export type SchoolType = 'School' | 'Kindergarten' | 'College' | 'Club'
export const schoolTypes: readonly SchoolType[] = ['School', 'Kindergarten', 'College', 'Club']

export type MembershipStatus = 'Pending' | 'Confirmed' | 'Rejected' | 'Removed'

export interface MyMembership {
  membershipId: string
  schoolId: string
  schoolName: string
  schoolType: SchoolType
  role: Role
  status: MembershipStatus
  classId: string | null
  className: string | null
}

export interface Me {
  id: string
  displayName: string
  login: string
  email: string | null
  phone: string | null
  isOperator: boolean
  twoFactorEnabled: boolean
  memberships: MyMembership[]
}

export interface School {
  id: string
  fullName: string
  shortName: string
  type: SchoolType
  region: string
  journalUrl: string | null
  myRoles: Role[]
}

export interface PersonRef {
  accountId: string
  displayName: string
}

/** Administrators, teachers and other staff: the roles that open the journal rather than the diary. */
export function isStaffRole(role: Role): boolean {
  return role === 'Admin' || role === 'Teacher' || role === 'Staff'
}

export function roleKey(role: Role) {
  return `role${role}` as const
}

export function schoolTypeKey(type: SchoolType) {
  return `type${type}` as const
}
