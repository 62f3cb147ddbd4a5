import { afterEach, describe, expect, it, vi } from 'vitest'
import { keepNextForExternal, takeNextAfterExternal } from './landing'

function memoryStorage() {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  }
}

describe('the destination kept across an external sign-in', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('is given back once, and only as a path on this site', () => {
    vi.stubGlobal('sessionStorage', memoryStorage())
    keepNextForExternal('/school/s/chats/c')
    expect(takeNextAfterExternal()).toBe('/school/s/chats/c')
    expect(takeNextAfterExternal()).toBeNull()
    keepNextForExternal('//evil.example/steal')
    expect(takeNextAfterExternal()).toBe('/')
  })

  it('is nothing without storage', () => {
    vi.stubGlobal('sessionStorage', undefined)
    keepNextForExternal('/x')
    expect(takeNextAfterExternal()).toBeNull()
  })
})
