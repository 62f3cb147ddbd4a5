import { describe, expect, it } from 'vitest'
import { newClientId } from './client-id'

describe('newClientId', () => {
  it('uses randomUUID where the browser has it', () => {
    expect(newClientId({ randomUUID: () => 'uuid', getRandomValues: (a) => a })).toBe('uuid')
  })

  it('builds a version 4 UUID from random bytes on plain http', () => {
    const id = newClientId({
      getRandomValues: <T extends ArrayBufferView | null>(a: T) => {
        new Uint8Array((a as unknown as Uint8Array).buffer).fill(0xff)
        return a
      },
    })
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff')
    expect(newClientId({ getRandomValues: (a) => crypto.getRandomValues(a) })).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
  })
})
