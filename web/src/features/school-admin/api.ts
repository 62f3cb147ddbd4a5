import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Role, School } from '../../lib/api-types'
import { api } from '../../lib/http'
import { meQueryKey, schoolQueryKey } from '../../lib/session'
import type * as Wire from '../../lib/api-schema'

export type SubjectTeacher = Wire.SubjectTeacherResponse

export type SchoolClass = Wire.ClassResponse

export interface ClassRequest {
  name: string
  schoolYear: number | null
  classTeacherAccountId: string | null
}

export type Person = Wire.PersonResponse

export type ActivationCode = Wire.ActivationCodeResponse

export type InvitationStatus = 'Pending' | 'Accepted' | 'Declined' | 'Revoked'

/**
 * A role offered to an existing account the school does not manage; its owner accepts or declines while signed in.
 * Only what the administrator typed is shown, never the account's own details.
 */
export type AccountInvitation = Wire.InvitationResponse

export interface AddPersonRequest {
  displayName: string
  role: Role
  classId: string | null
  phone: string | null
  email: string | null
}

/** Either the new member (with a one-time code when the account is new), or the invitation sent to an existing account's owner. */
export type AddPersonResponse = Wire.AddPersonResponse

export type Invite = Wire.InviteResponse

export interface InviteRequest {
  role: Role
  classId: string | null
  expiresInDays: number | null
  maxUses: number | null
}

export type JoinRequest = Wire.JoinRequestResponse

export type RosterPerson = Wire.RosterPersonResponse

export type RosterSheet = Wire.RosterSheetResponse

export type RosterImportResponse = Wire.RosterImportResponse

export interface RosterRowError {
  line: number
  field: string
  message: string
}

export interface SchoolSettingsRequest {
  fullName: string
  shortName: string
  journalUrl: string | null
  studentsMayWriteOtherStudents?: boolean
  parentsMayWriteClassParents?: boolean
  editWindowMinutes?: number
}

export type ChatKind = 'Personal' | 'Group' | 'Class' | 'Parents' | 'Staff' | 'Announcements'

/** A report as safeguarding staff see it: the message's text is kept even when it was deleted. */
export type Report = Wire.ReportResponse

export type SafeguardingMessage = Wire.SafeguardingMessage

export type ReportedChat = Wire.ReportedChatResponse

export type AuditEntry = Wire.AuditEntryResponse

export type ReportFilter = 'open' | 'resolved' | 'all'

const base = (schoolId: string) => `/api/v1/schools/${schoolId}`
const keys = {
  classes: (schoolId: string) => ['schools', schoolId, 'classes'] as const,
  storage: (schoolId: string) => ['schools', schoolId, 'files', 'storage'] as const,
  people: (schoolId: string) => ['schools', schoolId, 'people'] as const,
  invites: (schoolId: string) => ['schools', schoolId, 'invites'] as const,
  invitations: (schoolId: string) => ['schools', schoolId, 'invitations'] as const,
  joinRequests: (schoolId: string) => ['schools', schoolId, 'join-requests'] as const,
  reports: (schoolId: string) => ['schools', schoolId, 'reports'] as const,
  audit: (schoolId: string) => ['schools', schoolId, 'audit'] as const,
  notificationPolicy: (schoolId: string) => ['schools', schoolId, 'notification-policy'] as const,
}

function useInvalidate(schoolId: string) {
  const queryClient = useQueryClient()
  return (...which: (keyof typeof keys)[]) =>
    Promise.all(which.map((k) => queryClient.invalidateQueries({ queryKey: keys[k](schoolId) })))
}

// Classes

export function useClasses(schoolId: string) {
  return useQuery({ queryKey: keys.classes(schoolId), queryFn: () => api<SchoolClass[]>(`${base(schoolId)}/classes`) })
}

export function useCreateClass(schoolId: string) {
  const invalidate = useInvalidate(schoolId)
  return useMutation({
    mutationFn: (request: ClassRequest) =>
      api<SchoolClass>(`${base(schoolId)}/classes`, { method: 'POST', body: request }),
    onSuccess: () => invalidate('classes'),
  })
}

export function useUpdateClass(schoolId: string) {
  const invalidate = useInvalidate(schoolId)
  return useMutation({
    mutationFn: ({ id, ...request }: ClassRequest & { id: string }) =>
      api<SchoolClass>(`${base(schoolId)}/classes/${id}`, { method: 'PUT', body: request }),
    onSuccess: () => invalidate('classes'),
  })
}

export function useAddSubjectTeacher(schoolId: string) {
  const invalidate = useInvalidate(schoolId)
  return useMutation({
    mutationFn: ({ classId, accountId, subject }: { classId: string; accountId: string; subject: string }) =>
      api<SubjectTeacher>(`${base(schoolId)}/classes/${classId}/subject-teachers`, {
        method: 'POST',
        body: { accountId, subject },
      }),
    onSuccess: () => invalidate('classes'),
  })
}

export function useRemoveSubjectTeacher(schoolId: string) {
  const invalidate = useInvalidate(schoolId)
  return useMutation({
    mutationFn: ({ classId, id }: { classId: string; id: string }) =>
      api<void>(`${base(schoolId)}/classes/${classId}/subject-teachers/${id}`, { method: 'DELETE' }),
    onSuccess: () => invalidate('classes'),
  })
}

// People

export function usePeople(schoolId: string) {
  return useQuery({ queryKey: keys.people(schoolId), queryFn: () => api<Person[]>(`${base(schoolId)}/people`) })
}

export function useAddPerson(schoolId: string) {
  const invalidate = useInvalidate(schoolId)
  return useMutation({
    mutationFn: (request: AddPersonRequest) =>
      api<AddPersonResponse>(`${base(schoolId)}/people`, { method: 'POST', body: request }),
    onSuccess: () => invalidate('people', 'classes', 'invitations'),
  })
}

export function useMovePerson(schoolId: string) {
  const invalidate = useInvalidate(schoolId)
  return useMutation({
    mutationFn: ({ membershipId, classId }: { membershipId: string; classId: string }) =>
      api<Person>(`${base(schoolId)}/people/${membershipId}`, { method: 'PATCH', body: { classId } }),
    onSuccess: () => invalidate('people', 'classes'),
  })
}

export function useRemovePerson(schoolId: string) {
  const invalidate = useInvalidate(schoolId)
  return useMutation({
    mutationFn: (membershipId: string) => api<void>(`${base(schoolId)}/people/${membershipId}`, { method: 'DELETE' }),
    onSuccess: () => invalidate('people', 'classes'),
  })
}

/** A new one-time code for someone the school manages; older codes stop working. */
export function useReissueCode(schoolId: string) {
  return useMutation({
    mutationFn: (membershipId: string) =>
      api<ActivationCode>(`${base(schoolId)}/people/${membershipId}/activation-code`, { method: 'POST' }),
  })
}

// Invitations of existing accounts, waiting for their owners

export function useInvitations(schoolId: string) {
  return useQuery({
    queryKey: keys.invitations(schoolId),
    queryFn: () => api<AccountInvitation[]>(`${base(schoolId)}/invitations`),
  })
}

export function useRevokeInvitation(schoolId: string) {
  const invalidate = useInvalidate(schoolId)
  return useMutation({
    mutationFn: (invitationId: string) =>
      api<void>(`${base(schoolId)}/invitations/${invitationId}`, { method: 'DELETE' }),
    // Accepted or revoked meanwhile (404, 409): the fresh list shows how things stand.
    onSettled: () => invalidate('invitations', 'people'),
  })
}

export function useLinkGuardian(schoolId: string) {
  const invalidate = useInvalidate(schoolId)
  return useMutation({
    mutationFn: (request: { guardianAccountId: string; childAccountId: string }) =>
      api<unknown>(`${base(schoolId)}/guardians`, { method: 'POST', body: request }),
    onSuccess: () => invalidate('people'),
  })
}

// Invite links

export function useInvites(schoolId: string) {
  return useQuery({ queryKey: keys.invites(schoolId), queryFn: () => api<Invite[]>(`${base(schoolId)}/invites`) })
}

export function useCreateInvite(schoolId: string) {
  const invalidate = useInvalidate(schoolId)
  return useMutation({
    mutationFn: (request: InviteRequest) => api<Invite>(`${base(schoolId)}/invites`, { method: 'POST', body: request }),
    onSuccess: () => invalidate('invites'),
  })
}

export function useRevokeInvite(schoolId: string) {
  const invalidate = useInvalidate(schoolId)
  return useMutation({
    mutationFn: (inviteId: string) => api<void>(`${base(schoolId)}/invites/${inviteId}`, { method: 'DELETE' }),
    onSuccess: () => invalidate('invites'),
  })
}

export function inviteQrUrl(schoolId: string, inviteId: string) {
  return `${base(schoolId)}/invites/${inviteId}/qr`
}

// Join requests

export function useJoinRequests(schoolId: string) {
  return useQuery({
    queryKey: keys.joinRequests(schoolId),
    queryFn: () => api<JoinRequest[]>(`${base(schoolId)}/join-requests`),
  })
}

/** A class's confirmed students (a class teacher may list them too), to pick a joining parent's child from. */
export function useClassStudents(schoolId: string, classId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.people(schoolId), 'students', classId],
    queryFn: () => api<Person[]>(`${base(schoolId)}/people?role=Student&classId=${classId}`),
    enabled: enabled && classId !== null,
  })
}

export function useDecideJoinRequest(schoolId: string) {
  const invalidate = useInvalidate(schoolId)
  return useMutation({
    mutationFn: ({ id, approve, childIds }: { id: string; approve: boolean; childIds?: string[] }) =>
      api<void>(`${base(schoolId)}/join-requests/${id}/${approve ? 'approve' : 'reject'}`, {
        method: 'POST',
        body: approve && childIds?.length ? { childIds } : undefined,
      }),
    onSettled: () => invalidate('joinRequests', 'people', 'classes'),
  })
}

// Roster import

export function useRosterImport(schoolId: string) {
  const invalidate = useInvalidate(schoolId)
  return useMutation({
    mutationFn: (csv: string) =>
      api<RosterImportResponse>(`${base(schoolId)}/roster-import`, {
        method: 'POST',
        body: csv,
        contentType: 'text/csv; charset=utf-8',
      }),
    onSuccess: () => invalidate('people', 'classes', 'invitations'),
  })
}

// Settings

export function useUpdateSettings(schoolId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: SchoolSettingsRequest) =>
      api<School>(`${base(schoolId)}/settings`, { method: 'PUT', body: request }),
    onSuccess: (school) => {
      queryClient.setQueryData(schoolQueryKey(schoolId), school)
      // The short name is what /me shows as the school's name.
      return queryClient.invalidateQueries({ queryKey: meQueryKey })
    },
  })
}

// Safeguarding: reports and the audit log

export function useReports(schoolId: string, filter: ReportFilter) {
  const query = filter === 'all' ? '' : `?resolved=${filter === 'resolved'}`
  return useQuery({
    queryKey: [...keys.reports(schoolId), filter],
    queryFn: () => api<Report[]>(`${base(schoolId)}/reports${query}`),
  })
}

/** The messages around a reported one. Opening it is written to the audit log by the server, so only on request. */
export function useReportedChat(schoolId: string, reportId: string, enabled: boolean) {
  return useQuery({
    // Not under the reports key: refreshing the list must not open the conversation again (each look is audited).
    queryKey: ['schools', schoolId, 'report-chat', reportId],
    queryFn: () => api<ReportedChat>(`${base(schoolId)}/reports/${reportId}/chat`),
    enabled,
    staleTime: Infinity,
  })
}

export function useResolveReport(schoolId: string) {
  const invalidate = useInvalidate(schoolId)
  return useMutation({
    mutationFn: (reportId: string) => api<void>(`${base(schoolId)}/reports/${reportId}/resolve`, { method: 'POST' }),
    onSuccess: () => invalidate('reports', 'audit'),
  })
}

export const auditPageSize = 50

/** The audit log, newest first, a page at a time going back by time. */
export function useAudit(schoolId: string) {
  return useInfiniteQuery({
    queryKey: keys.audit(schoolId),
    queryFn: ({ pageParam }) =>
      api<AuditEntry[]>(
        `${base(schoolId)}/audit?${new URLSearchParams({ limit: String(auditPageSize), ...(pageParam ? { before: pageParam } : {}) })}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => (last.length < auditPageSize ? undefined : last[last.length - 1].createdAt),
  })
}

export type Storage = Wire.StorageResponse

/** The school's file storage: what its files take up of its quota. */
export function useStorage(schoolId: string) {
  return useQuery({ queryKey: keys.storage(schoolId), queryFn: () => api<Storage>(`${base(schoolId)}/files/storage`) })
}

// Notifications: the students' quiet hours, the time zone, previews on lock screens

export type NotificationPolicy = Wire.NotificationPolicyBody

export function useNotificationPolicy(schoolId: string) {
  return useQuery({
    queryKey: keys.notificationPolicy(schoolId),
    queryFn: () => api<NotificationPolicy>(`${base(schoolId)}/notification-policy`),
  })
}

export function useSaveNotificationPolicy(schoolId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (policy: NotificationPolicy) =>
      api<NotificationPolicy>(`${base(schoolId)}/notification-policy`, { method: 'PUT', body: policy }),
    onSuccess: (saved) => queryClient.setQueryData(keys.notificationPolicy(schoolId), saved),
  })
}
