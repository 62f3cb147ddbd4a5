import { describe, expect, it } from 'vitest'
import { chooseLayers, layerChanges, maxVideoTiles, showOrder } from './layers'

const people = (count: number) => Array.from({ length: count }, (_, i) => `p${i + 1}`)

describe('layers for a lesson', () => {
  it('gives the teacher high, the three latest speakers medium and the rest low, with six videos on a phone', () => {
    const lesson = people(29)
    const layers = chooseLayers({
      people: lesson,
      featured: 'p1',
      speakers: ['p9', 'p4', 'p1', 'p20', 'p7'],
      maxVideo: maxVideoTiles(true),
    })
    expect(layers.get('p1')).toEqual({ substream: 2, send: true })
    // The featured one is not among the medium speakers: the next one is.
    expect(['p9', 'p4', 'p20'].map((id) => layers.get(id))).toEqual([
      { substream: 1, send: true },
      { substream: 1, send: true },
      { substream: 1, send: true },
    ])
    expect(layers.get('p7')).toEqual({ substream: 0, send: true })
    const sent = [...layers].filter(([, layer]) => layer.send).map(([id]) => id)
    expect(sent).toEqual(['p1', 'p9', 'p4', 'p20', 'p7', 'p2'])
    expect(layers.get('p3')).toEqual({ substream: 0, send: false })
    expect(layers.size).toBe(29)
  })

  it('shows more videos on a wide screen', () => {
    const layers = chooseLayers({ people: people(20), featured: null, speakers: [], maxVideo: maxVideoTiles(false) })
    expect([...layers.values()].filter((l) => l.send)).toHaveLength(12)
  })

  it('leaves nobody in the low layer in a small call', () => {
    const layers = chooseLayers({ people: ['a', 'b', 'c'], featured: 'a', speakers: [], maxVideo: 6 })
    expect([...layers.values()]).toEqual([
      { substream: 2, send: true },
      { substream: 1, send: true },
      { substream: 1, send: true },
    ])
  })

  it('ignores speakers and a featured person whose video is not received', () => {
    expect(showOrder({ people: ['a', 'b'], featured: 'gone', speakers: ['left', 'b'] })).toEqual(['b', 'a'])
    const layers = chooseLayers({ people: ['a', 'b'], featured: 'gone', speakers: ['left'], maxVideo: 6 })
    expect(layers.get('gone')).toBeUndefined()
    expect(layers.get('left')).toBeUndefined()
  })

  it('asks only for what changed, starting from the SFU default (high, sent)', () => {
    const before = new Map([
      ['a', { substream: 2 as const, send: true }],
      ['b', { substream: 0 as const, send: false }],
    ])
    const after = new Map([
      ['a', { substream: 2 as const, send: true }],
      // Still not sent: its layer goes with it when it is.
      ['b', { substream: 1 as const, send: false }],
      ['c', { substream: 0 as const, send: true }],
      ['d', { substream: 2 as const, send: true }],
    ])
    expect(layerChanges(before, after)).toEqual([['c', { substream: 0, send: true }]])
  })
})
