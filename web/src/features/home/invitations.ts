import { type Role, roleKey, type SchoolType, schoolTypeKey } from '../../lib/api-types'
import type { Translate } from '../../lib/i18n'
import type { Language } from '../../lib/language'
import type { CommonKey } from '../../lib/texts'
import type { MyInvitation } from './api'
import type { HomeKey } from './texts'

/** "Школа «Лицей № 2» приглашает вас: учитель, класс 5А". */
export function invitationLine(
  invitation: Pick<MyInvitation, 'schoolName' | 'schoolType' | 'role' | 'className'>,
  t: Translate<HomeKey>,
  common: Translate<CommonKey>,
  language: Language,
): string {
  const role: Role = invitation.role
  const type: SchoolType = invitation.schoolType
  const roleName = common(roleKey(role)).toLocaleLowerCase(language)
  const line = t('invitationFrom', { type: common(schoolTypeKey(type)), school: invitation.schoolName, role: roleName })
  return invitation.className ? `${line}, ${t('classLabel', { className: invitation.className })}` : line
}
