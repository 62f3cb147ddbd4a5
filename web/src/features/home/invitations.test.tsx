import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { type Translate, translate } from '../../lib/i18n'
import type { Language } from '../../lib/language'
import { type CommonKey, commonTexts } from '../../lib/texts'
import type { MyInvitation } from './api'
import { invitationLine } from './invitations'
import { MyInvitations } from './MyInvitations'
import { type HomeKey, homeTexts } from './texts'

const invitation: MyInvitation = {
  id: 'i',
  schoolId: 's',
  schoolName: 'Лицей № 2',
  schoolType: 'School',
  role: 'Teacher',
  className: null,
  createdAt: '2026-09-01T08:00:00Z',
}

const words = (language: Language): [Translate<HomeKey>, Translate<CommonKey>] => [
  (key, params) => translate(homeTexts, language, key, params),
  (key, params) => translate(commonTexts, language, key, params),
]

describe('invitationLine', () => {
  it('names the school and the role offered', () => {
    expect(invitationLine(invitation, ...words('ru'), 'ru')).toBe('Школа «Лицей № 2» приглашает вас: учитель')
    expect(invitationLine(invitation, ...words('en'), 'en')).toBe('School “Лицей № 2” invites you: teacher')
  })

  it('adds the class of a student', () => {
    expect(
      invitationLine(
        { ...invitation, schoolType: 'Kindergarten', role: 'Student', className: 'Солнышко' },
        ...words('ru'),
        'ru',
      ),
    ).toBe('Детский сад «Лицей № 2» приглашает вас: ученик, класс Солнышко')
  })
})

describe('MyInvitations', () => {
  function render(list: MyInvitation[]) {
    const client = new QueryClient()
    client.setQueryData(['me', 'invitations'], list)
    return renderToStaticMarkup(
      <QueryClientProvider client={client}>
        <MyInvitations onJoined={() => undefined} />
      </QueryClientProvider>,
    )
  }

  it('shows each invitation with labelled accept and decline buttons', () => {
    const html = render([invitation, { ...invitation, id: 'j', schoolName: 'Школа № 5', role: 'Admin' }])
    expect(html).toContain('Приглашения в школы')
    expect(html).toContain('Школа «Школа № 5» приглашает вас: администратор')
    expect(html).toContain('aria-label="Принять приглашение: Лицей № 2">Принять</button>')
    expect(html).toContain('aria-label="Отклонить приглашение: Школа № 5">Отклонить</button>')
  })

  it('shows nothing without invitations', () => {
    expect(render([])).toBe('')
  })
})
