import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { RosterImportResponse } from './api'
import { RosterSheets } from './RosterSheets'

const result: RosterImportResponse = {
  created: 2,
  invited: 1,
  activationUrl: 'https://sfera.example/activate',
  sheets: [
    {
      className: '5А',
      people: [
        {
          displayName: 'Иванов Пётр',
          role: 'Student',
          login: 'ivanov.p',
          activationCode: 'K7M2-P9QX',
          children: [],
          invited: false,
        },
        {
          displayName: 'Смирнова Ольга',
          role: 'Teacher',
          login: 'smirnova.o',
          activationCode: null,
          children: [],
          invited: false,
        },
        {
          displayName: 'Иванова Анна',
          role: 'Parent',
          login: null,
          activationCode: null,
          children: ['Иванов Пётр'],
          invited: true,
        },
      ],
    },
  ],
}

describe('RosterSheets', () => {
  const html = renderToStaticMarkup(<RosterSheets result={result} schoolName="Школа № 5" />)

  it('shows the login and one-time code of people the school added', () => {
    expect(html).toContain('<td class="mono">ivanov.p</td><td class="mono code">K7M2-P9QX</td>')
    expect(html).toContain('<td class="mono">smirnova.o</td><td class="mono code">уже есть пароль</td>')
  })

  it('shows invited people as signing in with their own account, with no login or code', () => {
    expect(html).toContain(
      'Иванова Анна<div class="muted">Дети: Иванов Пётр</div></td><td>Родитель</td><td colSpan="2">приглашён(а): войдёт своей учётной записью</td>',
    )
    expect(html.match(/<tr>/g)?.length).toBe(4)
  })
})
