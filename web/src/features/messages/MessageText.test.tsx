import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { MessageText } from './MessageText'

const html = (text: string) => renderToStaticMarkup(<MessageText text={text} />)

describe('MessageText', () => {
  it('renders formatting as elements', () => {
    expect(html('**a** _b_ `c`')).toBe('<strong>a</strong> <em>b</em> <code>c</code>')
  })

  it('renders links that open safely in a new tab', () => {
    expect(html('https://example.org')).toBe(
      '<a href="https://example.org/" target="_blank" rel="noopener noreferrer nofollow">https://example.org</a>',
    )
  })

  it('shows HTML as literal text', () => {
    const out = html('<img src=x onerror=alert(1)> **<b>x</b>**')
    expect(out).toBe('&lt;img src=x onerror=alert(1)&gt; <strong>&lt;b&gt;x&lt;/b&gt;</strong>')
    expect(out).not.toContain('<img')
  })

  it('never renders a javascript: link', () => {
    expect(html('javascript:alert(1)')).toBe('javascript:alert(1)')
    expect(html('`javascript:alert(1)`')).toBe('<code>javascript:alert(1)</code>')
  })

  it('escapes quotes inside link addresses', () => {
    const out = html('https://example.org/"onmouseover="alert(1)')
    expect(out).toContain('href="https://example.org/"')
    expect(out).not.toContain('onmouseover="alert')
  })
})

describe('MessageText mentions', () => {
  it('highlights the mentions the message carries, mine apart, as text', () => {
    const out = renderToStaticMarkup(
      <MessageText
        text={'**@Анна** и @Пётр <b>'}
        mentions={{
          names: [
            { name: 'Анна', me: true },
            { name: 'Пётр', me: false },
          ],
          all: false,
        }}
      />,
    )
    expect(out).toBe(
      '<strong><span class="mention mention-me">@Анна</span></strong> и <span class="mention">@Пётр</span> &lt;b&gt;',
    )
  })
})
