import { describe, expect, it } from 'vitest'
import { format, textsByKey, translate } from './i18n'

const texts = textsByKey({
  hello: { ru: 'Здравствуйте, {name}!', en: 'Hello, {name}!' },
  onlyRussian: { ru: 'Только по-русски' },
  plain: { ru: 'Войти', en: 'Sign in' },
})

describe('translate', () => {
  it('uses the chosen language', () => {
    expect(translate(texts, 'ru', 'plain')).toBe('Войти')
    expect(translate(texts, 'en', 'plain')).toBe('Sign in')
  })

  it('falls back to Russian when an English text is missing', () => {
    expect(translate(texts, 'en', 'onlyRussian')).toBe('Только по-русски')
  })

  it('fills placeholders', () => {
    expect(translate(texts, 'en', 'hello', { name: 'Anna' })).toBe('Hello, Anna!')
    expect(translate(texts, 'ru', 'hello', { name: 'Анна' })).toBe('Здравствуйте, Анна!')
  })
})

describe('format', () => {
  it('leaves unknown placeholders visible and accepts numbers', () => {
    expect(format('{a} из {b}, {c}', { a: 3, b: 40 })).toBe('3 из 40, {c}')
  })

  it('returns the template as it is without parameters', () => {
    expect(format('{a}')).toBe('{a}')
  })
})

describe('plurals', () => {
  const counted = textsByKey({
    uses: {
      ru: 'можно использовать {uses, plural, one {# раз} few {# раза} many {# раз} other {# раза}}',
      en: 'can be used {uses, plural, one {# time} other {# times}}',
    },
  })

  it('follows the Russian rules: one, few, many', () => {
    const said = [1, 2, 4, 5, 11, 14, 21, 22, 25, 101, 111].map((n) =>
      translate(counted, 'ru', 'uses', { uses: n }).split(' ').slice(-2).join(' '),
    )
    expect(said).toEqual([
      '1 раз',
      '2 раза',
      '4 раза',
      '5 раз',
      '11 раз',
      '14 раз',
      '21 раз',
      '22 раза',
      '25 раз',
      '101 раз',
      '111 раз',
    ])
  })

  it('follows the English rules', () => {
    expect(translate(counted, 'en', 'uses', { uses: 1 })).toBe('can be used 1 time')
    expect(translate(counted, 'en', 'uses', { uses: 2 })).toBe('can be used 2 times')
  })

  it('leaves the choice visible when the count is missing', () => {
    expect(format('{n, plural, one {# a} other {# b}}', {})).toBe('{n, plural, one {# a} other {# b}}')
  })
})

describe('textsByKey', () => {
  it('gives the same texts as the two catalogues', () => {
    const byKey = textsByKey({
      hello: { ru: 'Здравствуйте, {name}!', en: 'Hello, {name}!' },
      onlyRussian: { ru: 'Только по-русски' },
      plain: { ru: 'Войти', en: 'Sign in' },
    })
    expect(byKey).toEqual(texts)
    expect(translate(byKey, 'en', 'onlyRussian')).toBe('Только по-русски')
  })
})
