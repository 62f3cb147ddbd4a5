import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { ActivationCodeAction } from './ActivationCodeAction'
import { AddPersonResult } from './AddPersonForm'
import type { AccountInvitation, AddPersonResponse, Person } from './api'
import { PendingInvitations } from './PendingInvitations'
import { PersonCard } from './PersonCard'

const person: Person = {
  membershipId: 'm',
  accountId: 'a',
  displayName: 'Мария Петрова',
  role: 'Teacher',
  status: 'Confirmed',
  classId: null,
  className: null,
  login: 'petrova.m',
  phone: null,
  email: null,
  children: [],
  guardians: [],
  managed: true,
  signInLinks: [],
}

const invitation: AccountInvitation = {
  id: 'i',
  displayName: 'Анна Иванова',
  role: 'Parent',
  classId: null,
  className: null,
  phone: '+79161234567',
  email: null,
  status: 'Pending',
  createdAt: '2026-09-01T08:00:00Z',
}

function render(node: ReactNode, client = new QueryClient()) {
  return renderToStaticMarkup(<QueryClientProvider client={client}>{node}</QueryClientProvider>)
}

describe('adding a person', () => {
  it('gives the login and one-time code of a new account', () => {
    const result: AddPersonResponse = {
      person,
      activationCode: 'K7M2-P9QX',
      activationUrl: 'https://sfera.example/activate?code=K7M2-P9QX',
      invitation: null,
    }
    const html = render(<AddPersonResult result={result} />)
    expect(html).toContain('Добавлено: Мария Петрова')
    expect(html).toContain('Логин: petrova.m')
    expect(html).toContain('value="K7M2-P9QX"')
  })

  it('says an existing account was invited, and what its owner must do', () => {
    const html = render(
      <AddPersonResult result={{ person: null, activationCode: null, activationUrl: null, invitation }} />,
    )
    expect(html).toContain('role="status"')
    expect(html).toContain('Отправлено приглашение: Анна Иванова')
    expect(html).toContain('уже есть учётная запись в Сфере')
    expect(html).toContain('войти в Сферу своей учётной записью и принять приглашение')
    expect(html).toContain('появится после того, как примет его')
    expect(html).not.toContain('Код активации')
  })
})

describe('a new activation code', () => {
  it('is offered for an account the school manages', () => {
    expect(render(<ActivationCodeAction schoolId="s" person={person} />)).toContain(
      '<button type="button">Новый код активации</button>',
    )
  })

  it('is not offered for someone’s own account, and says why', () => {
    const html = render(<ActivationCodeAction schoolId="s" person={{ ...person, login: null, managed: false }} />)
    expect(html).not.toContain('<button')
    expect(html).toContain('принадлежит самому человеку, а не школе')
  })
})

describe('invitations awaiting an answer', () => {
  it('lists each with what the administrator entered and a labelled revoke button', () => {
    const client = new QueryClient()
    client.setQueryData(
      ['schools', 's', 'invitations'],
      [
        invitation,
        { ...invitation, id: 'j', displayName: 'Пётр Иванов', role: 'Student', className: '5А', phone: null },
      ],
    )
    const html = render(<PendingInvitations schoolId="s" />, client)
    expect(html).toContain('Приглашения, ждущие ответа')
    expect(html).toContain('Ждут ответа: 2')
    expect(html).toContain('Роль: Родитель')
    expect(html).toContain('Указано: +79161234567')
    expect(html).toContain('Роль: Ученик, класс 5А')
    expect(html).toContain('aria-label="Отозвать приглашение: Пётр Иванов"')
  })

  it('shows nothing while there are none', () => {
    const client = new QueryClient()
    client.setQueryData(['schools', 's', 'invitations'], [])
    expect(render(<PendingInvitations schoolId="s" />, client)).toBe('')
  })
})

describe('a person in the list', () => {
  it('says which services they may sign in with, and nothing when none', () => {
    const linked = render(
      <PersonCard schoolId="s" person={{ ...person, signInLinks: ['VK ID', 'Госуслуги'] }} classes={[]} />,
    )
    expect(linked).toContain('<p class="muted small-text">Вход: VK ID, Госуслуги</p>')
    expect(render(<PersonCard schoolId="s" person={person} classes={[]} />)).not.toContain('Вход:')
  })
})
