import { describe, expect, it } from 'vitest'
import type { Role } from '../../lib/api-types'
import { type Translate, translate } from '../../lib/i18n'
import type { Language } from '../../lib/language'
import { auditActionKeys, auditActionLabel, auditDetails, type AuditWords } from './audit'
import { type SafeguardingKey, safeguardingTexts } from './texts'

// Every action the server writes to the audit log (grep "Audit.Entry" in src/Server).
const serverActions = [
  'chat.add_members',
  'chat.remove_member',
  'roster.import',
  'school.settings',
  'school.notifications',
  'announcement.urgent',
  'guardian.link',
  'guardian.unlink',
  'person.add',
  'person.move',
  'person.activation_code',
  'person.remove',
  'chat.read_only',
  'chat.open',
  'member.unmute',
  'member.mute',
  'member.role',
  'report.open_chat',
  'report.resolve',
  'message.delete',
  'class.create',
  'class.update',
  'class.subject_teacher',
  'class.subject_teacher_remove',
  'join.approve',
  'join.reject',
  'guardian.approve',
  'guardian.reject',
  'invite.create',
  'invite.revoke',
  'person.invite',
  'person.invitation_revoke',
  'person.invitation_accept',
]

const tr =
  (language: Language): Translate<SafeguardingKey> =>
  (key, params) =>
    translate(safeguardingTexts, language, key, params)
const roleNames: Record<Role, string> = {
  Admin: 'Администратор',
  Teacher: 'Учитель',
  Staff: 'Сотрудник',
  Student: 'Ученик',
  Parent: 'Родитель',
}
const person = '0197a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'
const klass = '0197a1b2-c3d4-7e5f-8a9b-aaaaaaaaaaaa'
const words = (language: Language = 'ru'): AuditWords => ({
  t: tr(language),
  role: (r) => roleNames[r],
  names: new Map([
    [person, 'Мария Петрова'],
    [klass, '5А'],
  ]),
})

describe('audit action labels', () => {
  it('has a label for every action the server writes, and no others', () => {
    expect(Object.keys(auditActionKeys).sort()).toEqual([...serverActions].sort())
  })

  it('speaks Russian and English', () => {
    expect(auditActionLabel('member.mute', tr('ru'))).toBe('Запрет писать')
    expect(auditActionLabel('member.mute', tr('en'))).toBe('Muted a member')
    expect(auditActionLabel('report.open_chat', tr('ru'))).toBe('Просмотр переписки по жалобе')
  })

  it('shows an action it does not know as it is', () => {
    expect(auditActionLabel('something.new', tr('ru'))).toBe('something.new')
  })
})

describe('audit details', () => {
  it('turns known shapes into words', () => {
    expect(auditDetails({ action: 'member.mute', details: '60 min' }, words())).toBe('на 60 мин')
    expect(auditDetails({ action: 'member.unmute', details: '0 min' }, words())).toBe('')
    expect(auditDetails({ action: 'member.role', details: 'Moderator' }, words('en'))).toBe('moderator')
    expect(auditDetails({ action: 'message.delete', details: 'seq 12' }, words())).toBe('сообщение № 12')
    expect(auditDetails({ action: 'report.open_chat', details: 'messages 3-43' }, words())).toBe('сообщения № 3–43')
    expect(auditDetails({ action: 'roster.import', details: '31 people' }, words())).toBe('людей: 31')
    expect(
      auditDetails({ action: 'school.settings', details: 'students↔students False, parents↔parents True' }, words()),
    ).toBe('ученики пишут ученикам других классов: нет; родители пишут родителям одноклассников: да')
  })

  it('names the people and classes it knows and the roles', () => {
    expect(auditDetails({ action: 'person.add', details: 'Teacher Мария Петрова' }, words())).toBe(
      'Учитель Мария Петрова',
    )
    expect(auditDetails({ action: 'person.invite', details: 'Parent Анна Иванова' }, words())).toBe(
      'Родитель Анна Иванова',
    )
    expect(auditDetails({ action: 'person.invitation_accept', details: 'Student' }, words('en'))).toBe('Ученик')
    expect(auditDetails({ action: 'invite.create', details: `Student ${klass}` }, words())).toBe('Ученик 5А')
    expect(
      auditDetails({ action: 'chat.add_members', details: `${person},0197a1b2-c3d4-7e5f-8a9b-bbbbbbbbbbbb` }, words()),
    ).toBe('Мария Петрова, неизвестно')
  })

  it('leaves other details as they are', () => {
    expect(auditDetails({ action: 'class.create', details: '5А' }, words())).toBe('5А')
  })
})
