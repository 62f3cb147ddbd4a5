import type { Substream } from './group-api'

// Which simulcast layer of each person's video this tab asks the SFU for, and whose video it does not take at all.
// A lesson of 30 on a phone cannot decode 29 videos: the one who leads (the host who started the call, or whoever
// shares a screen) comes in high quality, the three who spoke last in medium, everyone else low; and only so many
// videos are shown at all, the others being heard only (their video paused at the SFU, so it costs nothing).
// Pure, so the policy is tested without a browser.

export interface Layer {
  substream: Substream
  /** False: the SFU does not send this video to this tab. */
  send: boolean
}

export interface LayerInput {
  /** Whose video this tab receives, in a stable order (the order they joined). */
  people: readonly string[]
  /** The one who leads: whoever shares a screen, else the host who started the call (null: nobody in `people`). */
  featured: string | null
  /** Who spoke, the latest first. */
  speakers: readonly string[]
  /** How many videos at most are shown at once (see maxVideoTiles). */
  maxVideo: number
}

/** How many speakers besides the featured one get the medium layer. */
export const mediumSpeakers = 3

/** Up to this many videos, nobody needs the low layer: small calls look better in medium. */
export const smallCall = 4

/** Videos shown at once: a phone in portrait shows about six; a wide screen more. */
export function maxVideoTiles(narrow: boolean): number {
  return narrow ? 6 : 12
}

/** The people in the order they are shown: the featured one, the latest speakers, then everyone else as they came. */
export function showOrder(input: Pick<LayerInput, 'people' | 'featured' | 'speakers'>): string[] {
  const present = new Set(input.people)
  const first = [input.featured, ...input.speakers].filter((id): id is string => id !== null && present.has(id))
  return [...new Set([...first, ...input.people])]
}

export function chooseLayers(input: LayerInput): Map<string, Layer> {
  const order = showOrder(input)
  const present = new Set(input.people)
  const medium = new Set(
    input.speakers.filter((id) => id !== input.featured && present.has(id)).slice(0, mediumSpeakers),
  )
  const layers = new Map<string, Layer>()
  order.forEach((id, index) => {
    const substream: Substream = id === input.featured ? 2 : medium.has(id) || input.people.length <= smallCall ? 1 : 0
    layers.set(id, { substream, send: index < Math.max(1, input.maxVideo) })
  })
  return layers
}

/** The layers that differ from what was asked before (a person not asked about yet is the SFU's default: high, sent). */
export function layerChanges(before: ReadonlyMap<string, Layer>, after: ReadonlyMap<string, Layer>): [string, Layer][] {
  const changes: [string, Layer][] = []
  for (const [id, layer] of after) {
    const was = before.get(id) ?? { substream: 2, send: true }
    // A video not sent stays unsent whatever its layer: the layer goes with it when it is sent again.
    if (!was.send && !layer.send) continue
    if (was.substream !== layer.substream || was.send !== layer.send) changes.push([id, layer])
  }
  return changes
}
