import { describe, expect, it } from 'vitest'
import { defineTexts, format, translate } from './i18n'

const texts = defineTexts({
  ru: { hello: 'Здравствуйте, {name}!', onlyRussian: 'Только по-русски', plain: 'Войти' },
  en: { hello: 'Hello, {name}!', plain: 'Sign in' },
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
