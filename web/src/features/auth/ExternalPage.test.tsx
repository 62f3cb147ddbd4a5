import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderToStaticMarkup } from 'react-dom/server'
import { MemoryRouter } from 'react-router-dom'
import { describe, expect, it } from 'vitest'
import type { Me } from '../../lib/api-types'
import { ExternalPage } from './ExternalPage'

function render(at: string, me: Me | null = null) {
  const client = new QueryClient()
  client.setQueryData(['me'], me)
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[at]}>
        <ExternalPage />
      </MemoryRouter>
    </QueryClientProvider>,
  )
}

describe('coming back from the provider with an error', () => {
  it('says what happened and leads back to the sign-in page', () => {
    const html = render('/external?error=cancelled')
    expect(html).toContain('<p class="alert alert-error" role="alert">Вход через внешний сервис отменён.</p>')
    expect(html).toContain('href="/signin"')
    expect(html).not.toContain('href="/account"')
  })

  it('leads to the account page too when signed in', () => {
    const html = render('/external?error=unreachable', { displayName: 'Анна' } as Me)
    expect(html).toContain('Сервис входа сейчас недоступен. Попробуйте позже или войдите по паролю.')
    expect(html).toContain('href="/account"')
  })

  it('completes otherwise (once mounted): a moment of loading first', () => {
    expect(render('/external')).toContain('role="status"')
  })
})
