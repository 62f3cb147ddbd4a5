import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { MemoryRouter } from 'react-router-dom'
import { describe, expect, it } from 'vitest'
import type { SignInLinks } from './api'
import { PasswordRecovery } from './PasswordRecovery'
import { LinkedStatus, SignInLinksSection } from './SignInLinksSection'

const vk = { key: 'vk', name: 'VK ID', icon: '/icons/vk.svg' }
const none: SignInLinks = { links: [], available: [], hasPassword: true, passwordRecoveryUntil: null }
const linked: SignInLinks = {
  ...none,
  links: [{ id: 'l1', provider: 'vk', providerName: 'VK ID', linkedAt: '2026-09-01T08:00:00Z' }],
}

function render(node: ReactNode, links: SignInLinks, at = '/account') {
  const client = new QueryClient()
  client.setQueryData(['sign-in-links'], links)
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[at]}>{node}</MemoryRouter>
    </QueryClientProvider>,
  )
}

describe('signing in with other services, on the account page', () => {
  it('shows nothing at all when the install has no providers', () => {
    expect(render(<SignInLinksSection />, none)).toBe('')
  })

  it('offers each provider not linked yet, with its icon beside the name', () => {
    const html = render(<SignInLinksSection />, { ...none, available: [vk] })
    expect(html).toContain('Вход через другие сервисы')
    expect(html).toContain('<img class="provider-icon" src="/icons/vk.svg" alt=""/>Связать VK ID</button>')
    expect(html).toContain('Школа видит только, что вход связан, но не с каким аккаунтом.')
  })

  it('lists each linked one with its date and a button to unlink it', () => {
    const html = render(<SignInLinksSection />, linked)
    expect(html).toContain('VK ID — связан 1 сентября 2026')
    expect(html).toContain('>Отвязать VK ID</button>')
    expect(html).not.toContain('Связать VK ID')
  })

  it('says which provider was just linked', () => {
    expect(render(<LinkedStatus />, linked, '/account?linked=vk')).toContain(
      '<p role="status" class="alert alert-success">VK ID связан с вашей учётной записью.</p>',
    )
    expect(render(<LinkedStatus />, linked)).toBe('')
  })
})

describe('a new password after signing in with a linked service', () => {
  it('is offered while the recovery window is open', () => {
    const html = render(<PasswordRecovery />, { ...linked, passwordRecoveryUntil: '2026-09-01T08:15:00Z' })
    expect(html).toContain('>Новый пароль</h2>')
    expect(html).toContain('>Сохранить пароль</button>')
    expect(render(<PasswordRecovery />, linked)).toBe('')
  })
})
