import { describe, expect, it } from 'vitest'
import {
  findMentionQuery,
  insertMention,
  mentionedIds,
  mentionsEveryone,
  splitMentions,
  suggestMembers,
} from './mentions'

const members = [
  { accountId: 'a', displayName: 'Анна Петрова' },
  { accountId: 'b', displayName: 'Анна' },
  { accountId: 'c', displayName: 'Пётр Ёлкин' },
  { accountId: 'd', displayName: 'Ivan Smith' },
]

describe('findMentionQuery', () => {
  it('finds the "@…" the caret is in, spaces included', () => {
    expect(findMentionQuery('Привет, @Ан', 11)).toEqual({ start: 8, query: 'Ан' })
    expect(findMentionQuery('@', 1)).toEqual({ start: 0, query: '' })
    expect(findMentionQuery('(@Анна Пе', 9)).toEqual({ start: 1, query: 'Анна Пе' })
    expect(findMentionQuery('@Анна и ещё', 5)).toEqual({ start: 0, query: 'Анна' })
  })

  it('ignores e-mail addresses, other lines and "@ " with a space', () => {
    expect(findMentionQuery('anna@school.ru', 14)).toBeNull()
    expect(findMentionQuery('@Анна\nпривет', 12)).toBeNull()
    expect(findMentionQuery('@ привет', 8)).toBeNull()
    expect(findMentionQuery('нет упоминаний', 14)).toBeNull()
  })

  it('gives up on very long runs', () => {
    expect(findMentionQuery(`@${'а'.repeat(60)}`, 61)).toBeNull()
  })
})

describe('suggestMembers', () => {
  it('matches the start of the name or of any word, folding case and ё', () => {
    expect(suggestMembers(members, 'ан').map((m) => m.accountId)).toEqual(['a', 'b'])
    expect(suggestMembers(members, 'пет').map((m) => m.accountId)).toEqual(['a', 'c'])
    expect(suggestMembers(members, 'елк').map((m) => m.accountId)).toEqual(['c'])
    expect(suggestMembers(members, 'Анна П').map((m) => m.accountId)).toEqual(['a'])
    expect(suggestMembers(members, '')).toHaveLength(4)
    expect(suggestMembers(members, 'ова')).toEqual([])
  })
})

describe('insertMention', () => {
  it('replaces the query with the name and a space, caret after it', () => {
    expect(insertMention('Привет, @Ан', 8, 11, 'Анна Петрова')).toEqual({ text: 'Привет, @Анна Петрова ', caret: 22 })
  })

  it('does not double a following space', () => {
    const result = insertMention('@Ан завтра', 0, 3, 'Анна')
    expect(result.text).toBe('@Анна завтра')
    expect(result.caret).toBe(6)
  })
})

describe('mentionedIds', () => {
  it('finds the members whose "@Name" is in the text, the longest name winning', () => {
    expect(mentionedIds('@Анна Петрова, завтра сбор', members)).toEqual(['a'])
    expect(mentionedIds('@Анна и @Пётр Ёлкин', members)).toEqual(['b', 'c'])
    expect(mentionedIds('@Анна, @Анна', members)).toEqual(['b'])
  })

  it('needs the whole name as a word', () => {
    expect(mentionedIds('@Аннушка', members)).toEqual([])
    expect(mentionedIds('Анна без собаки', members)).toEqual([])
    expect(mentionedIds('mail@Анна', members)).toEqual([])
  })
})

describe('mentionsEveryone', () => {
  it('knows "@все" and "@all" as words of their own', () => {
    expect(mentionsEveryone('@все, собрание в 18:00')).toBe(true)
    expect(mentionsEveryone('Внимание @ALL')).toBe(true)
    expect(mentionsEveryone('@всем привет')).toBe(false)
    expect(mentionsEveryone('все здесь')).toBe(false)
  })
})

describe('splitMentions', () => {
  it('marks the mentions a message carries, mine apart', () => {
    expect(
      splitMentions(
        '@Анна Петрова и @Пётр Ёлкин, привет',
        [
          { name: 'Анна Петрова', me: true },
          { name: 'Пётр Ёлкин', me: false },
        ],
        false,
      ),
    ).toEqual([
      { text: '@Анна Петрова', mention: 'me' },
      { text: ' и ' },
      { text: '@Пётр Ёлкин', mention: 'other' },
      { text: ', привет' },
    ])
  })

  it('marks "@все" only when the message mentions everyone', () => {
    expect(splitMentions('@все сюда', [], true)).toEqual([{ text: '@все', mention: 'me' }, { text: ' сюда' }])
    expect(splitMentions('@все сюда', [], false)).toEqual([{ text: '@все сюда' }])
  })
})
