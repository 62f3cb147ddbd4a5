import { describe, expect, it } from 'vitest'
import { fitImage, maxAttachments, pickFiles } from './attachments'

describe('pickFiles', () => {
  it('marks files over the size limit and turns away those over the count limit', () => {
    const files = [{ size: 10 }, { size: 5000 }, { size: 20 }]
    const { picked, refused } = pickFiles(maxAttachments - 2, files, 1000)
    expect(picked.map((p) => p.tooLarge)).toEqual([false, true])
    expect(refused).toBe(1)
  })

  it('takes everything when the limits are unknown or far', () => {
    expect(pickFiles(0, [{ size: 1e12 }]).picked[0].tooLarge).toBe(false)
    expect(pickFiles(maxAttachments, [{ size: 1 }])).toEqual({ picked: [], refused: 1 })
  })
})

describe('fitImage', () => {
  it('shrinks to the box keeping the shape, never enlarges, and has a frame for unknown sizes', () => {
    expect(fitImage(480, 360)).toEqual({ width: 280, height: 210 })
    expect(fitImage(360, 480)).toEqual({ width: 240, height: 320 })
    expect(fitImage(100, 50)).toEqual({ width: 100, height: 50 })
    expect(fitImage(null, null)).toEqual({ width: 240, height: 180 })
  })
})
