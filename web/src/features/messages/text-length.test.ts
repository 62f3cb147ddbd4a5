import { describe, expect, it } from 'vitest'
import { characterCount } from './text-length'

describe('characterCount', () => {
  it('counts an emoji as one character, as the server does', () => {
    expect(characterCount('🙂'.repeat(4096))).toBe(4096)
    expect(characterCount('привет 🙂')).toBe(8)
  })
})
