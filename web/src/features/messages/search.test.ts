import { describe, expect, it } from 'vitest'
import { searchSnippet, searchStems } from './search'

describe('searchStems', () => {
  it('folds case and ё and shortens long words as the server does', () => {
    expect(searchStems('Уроки, ЁЛКА и мат')).toEqual(['урок', 'елка', 'и', 'мат'])
    expect(searchStems('контрольная')).toEqual(['контрольн'])
  })
})

describe('searchSnippet', () => {
  it('marks the whole word the stem occurs in', () => {
    expect(searchSnippet('Завтра две контрольные работы', 'контрольная')).toEqual({
      before: 'Завтра две ',
      match: 'контрольные',
      after: ' работы',
    })
  })

  it('prefers a match at the start of a word and drops formatting marks', () => {
    expect(searchSnippet('**Домашнее** задание: дом', 'дом')).toEqual({
      before: '',
      match: 'Домашнее',
      after: ' задание: дом',
    })
  })

  it('cuts long text at words around the match', () => {
    const text = `${'слово '.repeat(30)}экскурсия ${'ещё '.repeat(30)}`
    const s = searchSnippet(text, 'экскурсия', 20)
    expect(s.match).toBe('экскурсия')
    expect(s.before.startsWith('…')).toBe(true)
    expect(s.before.endsWith('слово ')).toBe(true)
    expect(s.after.endsWith('…')).toBe(true)
    expect(s.before.length).toBeLessThanOrEqual(22)
  })

  it('shows the beginning when the words are not found as typed', () => {
    expect(searchSnippet('Собрание родителей', 'встреча')).toEqual({
      before: '',
      match: '',
      after: 'Собрание родителей',
    })
  })
})
