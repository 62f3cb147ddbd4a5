import { type Role, roles } from '../../lib/api-types'
import type { Translate } from '../../lib/i18n'
import type { AuditEntry } from './api'
import type { SafeguardingKey } from './texts'

// The audit log in human words: each action the server writes (grep "Audit.Entry" in src/Server) has a label, and
// the machine-made details are turned into words where their shape is known; ids become the names this screen
// knows (people, classes), and anything else is shown as it is.

export const auditActionKeys = {
  'message.delete': 'auditMessageDelete',
  'chat.add_members': 'auditChatAddMembers',
  'chat.remove_member': 'auditChatRemoveMember',
  'chat.read_only': 'auditChatReadOnly',
  'chat.open': 'auditChatOpen',
  'member.mute': 'auditMemberMute',
  'member.unmute': 'auditMemberUnmute',
  'member.role': 'auditMemberRole',
  'report.open_chat': 'auditReportOpenChat',
  'report.resolve': 'auditReportResolve',
  'school.settings': 'auditSchoolSettings',
  'school.notifications': 'auditSchoolNotifications',
  'announcement.urgent': 'auditAnnouncementUrgent',
  'roster.import': 'auditRosterImport',
  'person.add': 'auditPersonAdd',
  'person.move': 'auditPersonMove',
  'person.activation_code': 'auditPersonActivationCode',
  'person.remove': 'auditPersonRemove',
  'person.invite': 'auditPersonInvite',
  'person.invitation_revoke': 'auditPersonInvitationRevoke',
  'person.invitation_accept': 'auditPersonInvitationAccept',
  'guardian.link': 'auditGuardianLink',
  'guardian.unlink': 'auditGuardianUnlink',
  'guardian.approve': 'auditGuardianApprove',
  'guardian.reject': 'auditGuardianReject',
  'class.create': 'auditClassCreate',
  'class.update': 'auditClassUpdate',
  'class.subject_teacher': 'auditClassSubjectTeacher',
  'class.subject_teacher_remove': 'auditClassSubjectTeacherRemove',
  'join.approve': 'auditJoinApprove',
  'join.reject': 'auditJoinReject',
  'invite.create': 'auditInviteCreate',
  'invite.revoke': 'auditInviteRevoke',
} as const satisfies Record<string, SafeguardingKey>

export function auditActionLabel(action: string, t: Translate<SafeguardingKey>): string {
  const key = (auditActionKeys as Record<string, SafeguardingKey>)[action]
  return key ? t(key) : action
}

export interface AuditWords {
  t: Translate<SafeguardingKey>
  /** A school role's name ("Учитель"). */
  role: (role: Role) => string
  /** Names of people and classes by id. */
  names: ReadonlyMap<string, string>
}

const guid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
const chatRoles = { Moderator: 'auditRoleModerator', Member: 'auditRoleMember', Owner: 'auditRoleOwner' } as const

/** Ids to names, role names to words, True/False to yes/no. */
function plainWords(details: string, words: AuditWords): string {
  const { t, names } = words
  return details
    .replace(guid, (id) => names.get(id.toLowerCase()) ?? t('auditUnknown'))
    .replace(/\b(True|False)\b/g, (b) => t(b === 'True' ? 'yes' : 'no'))
    .replace(/\b(Admin|Teacher|Staff|Student|Parent)\b/g, (r) =>
      roles.includes(r as Role) ? words.role(r as Role) : r,
    )
    .trim()
}

export function auditDetails(entry: Pick<AuditEntry, 'action' | 'details'>, words: AuditWords): string {
  const { t } = words
  const d = entry.details.trim()
  let m: RegExpMatchArray | null
  switch (entry.action) {
    case 'member.mute':
      if ((m = d.match(/^(\d+) min$/))) return t('auditForMinutes', { count: Number(m[1]) })
      break
    case 'member.unmute':
      return ''
    case 'member.role':
      if (d in chatRoles) return t(chatRoles[d as keyof typeof chatRoles])
      break
    case 'message.delete':
      if ((m = d.match(/^seq (\d+)$/))) return t('auditMessageNumber', { seq: m[1] })
      break
    case 'report.open_chat':
      if ((m = d.match(/^messages (\d+)-(\d+)$/))) return t('auditMessagesRange', { from: m[1], to: m[2] })
      break
    case 'roster.import':
      if ((m = d.match(/^(\d+) people$/))) return t('auditPeopleCount', { count: m[1] })
      break
    case 'school.settings':
      if ((m = d.match(/students↔students (True|False), parents↔parents (True|False)/)))
        return t('auditPolicy', {
          students: t(m[1] === 'True' ? 'yes' : 'no'),
          parents: t(m[2] === 'True' ? 'yes' : 'no'),
        })
      break
    case 'chat.add_members':
      return d
        .split(',')
        .filter(Boolean)
        .map((id) => plainWords(id, words))
        .join(', ')
  }
  return plainWords(d, words)
}
