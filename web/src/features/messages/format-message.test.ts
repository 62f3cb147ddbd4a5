import { describe, expect, it } from 'vitest'
import { parseMessage, plainText, safeHref } from './format-message'

describe('parseMessage', () => {
  it('keeps plain text as one text node', () => {
    expect(parseMessage('Привет, класс!\nЗавтра контрольная.')).toEqual([
      { type: 'text', text: 'Привет, класс!\nЗавтра контрольная.' },
    ])
  })

  it('finds bold, italic and code', () => {
    expect(parseMessage('**важно** и _срочно_, файл `a*b_c`')).toEqual([
      { type: 'bold', children: [{ type: 'text', text: 'важно' }] },
      { type: 'text', text: ' и ' },
      { type: 'italic', children: [{ type: 'text', text: 'срочно' }] },
      { type: 'text', text: ', файл ' },
      { type: 'code', text: 'a*b_c' },
    ])
  })

  it('nests italic inside bold', () => {
    expect(parseMessage('**очень _важно_**')).toEqual([
      {
        type: 'bold',
        children: [
          { type: 'text', text: 'очень ' },
          { type: 'italic', children: [{ type: 'text', text: 'важно' }] },
        ],
      },
    ])
  })

  it('leaves unmatched and spaced marks alone', () => {
    expect(parseMessage('2 ** 3 = 8, a * b')).toEqual([{ type: 'text', text: '2 ** 3 = 8, a * b' }])
    expect(parseMessage('**не закрыто')).toEqual([{ type: 'text', text: '**не закрыто' }])
    expect(parseMessage('snake_case_name и my_var')).toEqual([{ type: 'text', text: 'snake_case_name и my_var' }])
    expect(parseMessage('``')).toEqual([{ type: 'text', text: '``' }])
  })

  it('turns bare http(s) addresses into links without trailing punctuation', () => {
    expect(parseMessage('См. https://school5.ru/homework?id=7, потом http://example.org.')).toEqual([
      { type: 'text', text: 'См. ' },
      { type: 'link', href: 'https://school5.ru/homework?id=7', text: 'https://school5.ru/homework?id=7' },
      { type: 'text', text: ', потом ' },
      { type: 'link', href: 'http://example.org/', text: 'http://example.org' },
      { type: 'text', text: '.' },
    ])
  })

  it('keeps balanced parentheses in links and drops an enclosing one', () => {
    expect(parseMessage('(https://ru.wikipedia.org/wiki/Сфера_(значения))')).toEqual([
      { type: 'text', text: '(' },
      {
        type: 'link',
        href: 'https://ru.wikipedia.org/wiki/%D0%A1%D1%84%D0%B5%D1%80%D0%B0_(%D0%B7%D0%BD%D0%B0%D1%87%D0%B5%D0%BD%D0%B8%D1%8F)',
        text: 'https://ru.wikipedia.org/wiki/Сфера_(значения)',
      },
      { type: 'text', text: ')' },
    ])
  })

  it('does not treat underscores inside links as italic', () => {
    const [node] = parseMessage('https://example.org/a_b_c')
    expect(node).toEqual({ type: 'link', href: 'https://example.org/a_b_c', text: 'https://example.org/a_b_c' })
  })

  it('puts links inside bold', () => {
    expect(parseMessage('**https://example.org**')).toEqual([
      { type: 'bold', children: [{ type: 'link', href: 'https://example.org/', text: 'https://example.org' }] },
    ])
  })

  it('never makes links of other schemes', () => {
    for (const hostile of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '//evil.example/x',
      'https:/evil',
      'http://',
    ]) {
      expect(parseMessage(hostile).some((n) => n.type === 'link')).toBe(false)
    }
  })

  it('does not start a link in the middle of a word', () => {
    expect(parseMessage('xhttps://evil.example').some((n) => n.type === 'link')).toBe(false)
  })

  it('keeps HTML as text', () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(1)</script>'
    expect(parseMessage(hostile)).toEqual([{ type: 'text', text: hostile }])
  })

  it('does not nest without end', () => {
    const deep = '**_'.repeat(50) + 'x' + '_**'.repeat(50)
    expect(plainText(parseMessage(deep)).length).toBeGreaterThan(0)
  })

  it('survives long hostile input quickly', () => {
    const started = performance.now()
    parseMessage('_*'.repeat(2000) + '`'.repeat(10) + 'https://'.repeat(200))
    expect(performance.now() - started).toBeLessThan(1000)
  })
})

describe('safeHref', () => {
  it('accepts http and https only', () => {
    expect(safeHref('https://example.org/a?b=1#c')).toBe('https://example.org/a?b=1#c')
    expect(safeHref('javascript:alert(1)')).toBeNull()
    expect(safeHref('https://')).toBeNull()
  })
})

describe('plainText', () => {
  it('drops the marks', () => {
    expect(plainText(parseMessage('**Внимание:** _завтра_ `8:30`'))).toBe('Внимание: завтра 8:30')
  })
})
