import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { MessageStatus } from './MessageStatus'

describe('MessageStatus', () => {
  it('draws the state and names it, with no emoji', () => {
    const read = renderToStaticMarkup(<MessageStatus state="read" kind="Personal" />)
    expect(read).toContain('role="img" aria-label="Прочитано"')
    expect(read).toContain('<svg')
    expect(read).not.toMatch(/\p{Extended_Pictographic}/u)
    expect(renderToStaticMarkup(<MessageStatus state="read" kind="Group" />)).toContain(
      'aria-label="Прочитано участниками"',
    )
    expect(renderToStaticMarkup(<MessageStatus state="sent" kind="Group" />)).toContain('aria-label="Отправлено"')
    expect(renderToStaticMarkup(<MessageStatus state="sending" kind="Group" />)).toContain('aria-label="Отправляется"')
    expect(renderToStaticMarkup(<MessageStatus state="failed" kind="Personal" />)).toContain(
      'aria-label="Не отправлено"',
    )
  })
})
