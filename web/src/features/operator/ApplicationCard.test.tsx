import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { SchoolApplication } from './api'
import { ApplicationCard } from './ApplicationCard'

const application: SchoolApplication = {
  id: 'a',
  fullName: 'МБОУ «Лицей № 2»',
  shortName: 'Лицей № 2',
  type: 'School',
  region: 'Москва',
  inn: '7701234567',
  adminName: 'Мария Петрова',
  adminPhone: '+79161234567',
  adminEmail: 'petrova@example.org',
  status: 'Pending',
  submittedAt: '2026-09-01T08:00:00Z',
  decidedAt: null,
  rejectionReason: null,
  schoolId: null,
  existingAccount: false,
}

function render(app: SchoolApplication) {
  return renderToStaticMarkup(
    <QueryClientProvider client={new QueryClient()}>
      <ApplicationCard application={app} onApproved={() => undefined} />
    </QueryClientProvider>,
  )
}

describe('ApplicationCard', () => {
  it('warns when the administrator’s phone or e-mail already belongs to an account', () => {
    const html = render({ ...application, existingAccount: true })
    expect(html).toContain('уже принадлежат учётной записи в Сфере')
    expect(html).toContain('придёт приглашение стать администратором')
  })

  it('says nothing of the kind otherwise, or once decided', () => {
    expect(render(application)).not.toContain('учётной записи в Сфере')
    expect(render({ ...application, existingAccount: true, status: 'Approved' })).not.toContain(
      'учётной записи в Сфере',
    )
  })
})
