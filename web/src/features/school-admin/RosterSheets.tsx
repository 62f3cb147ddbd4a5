import { roleKey } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { commonTexts } from '../../lib/texts'
import type { RosterImportResponse } from './api'
import { adminTexts } from './texts'

/**
 * One printed page per class: who, their login and one-time code, and where to enter it. Someone invited (their
 * phone or e-mail already had an account) gets neither: they sign in with their own account and accept.
 */
export function RosterSheets({ result, schoolName }: { result: RosterImportResponse; schoolName: string }) {
  const t = useT(adminTexts)
  const common = useT(commonTexts)
  return (
    <div className="print-area">
      {result.sheets.map((sheet) => (
        <section
          key={sheet.className ?? ''}
          className="sheet"
          aria-label={sheet.className ? t('sheetClass', { className: sheet.className }) : t('sheetStaff')}
        >
          <p className="sheet-school">{t('sheetSchool', { school: schoolName })}</p>
          <h3>{sheet.className ? t('sheetClass', { className: sheet.className }) : t('sheetStaff')}</h3>
          <p>{t('sheetActivation', { url: result.activationUrl })}</p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('colName')}</th>
                  <th scope="col">{t('colRole')}</th>
                  <th scope="col">{t('colLogin')}</th>
                  <th scope="col">{t('colCode')}</th>
                </tr>
              </thead>
              <tbody>
                {sheet.people.map((person, i) => (
                  <tr key={person.login ?? `invited-${i}`}>
                    <td>
                      {person.displayName}
                      {person.children.length > 0 ? (
                        <div className="muted">{t('childrenList', { names: person.children.join(', ') })}</div>
                      ) : null}
                    </td>
                    <td>{common(roleKey(person.role))}</td>
                    {person.invited || !person.login ? (
                      <td colSpan={2}>{t('sheetInvited')}</td>
                    ) : (
                      <>
                        <td className="mono">{person.login}</td>
                        <td className="mono code">{person.activationCode ?? t('hasPassword')}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  )
}
