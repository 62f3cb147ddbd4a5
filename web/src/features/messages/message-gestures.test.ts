import { describe, expect, it } from 'vitest'
import {
  type Gesture,
  type GestureAction,
  type GestureInput,
  idle,
  maxPullPx,
  nextGesture,
  pullOf,
  replyPx,
} from './message-gestures'

/** Runs inputs from idle; answers the last gesture and every action taken on the way. */
function run(...inputs: GestureInput[]): { gesture: Gesture; actions: GestureAction[] } {
  let gesture = idle
  const actions: GestureAction[] = []
  for (const input of inputs) {
    const step = nextGesture(gesture, input)
    gesture = step.gesture
    if (step.action) actions.push(step.action)
  }
  return { gesture, actions }
}

const down = (x = 100, y = 300, touch = true): GestureInput => ({ type: 'down', pointerId: 1, x, y, touch })
const move = (x: number, y = 300): GestureInput => ({ type: 'move', pointerId: 1, x, y })
const up: GestureInput = { type: 'up', pointerId: 1 }
const held: GestureInput = { type: 'held' }

describe('message gestures', () => {
  it('open the menu when a finger holds still', () => {
    expect(run(down(), held).actions).toEqual(['menu'])
    // A finger never lies quite still.
    expect(run(down(), move(104, 303), held).actions).toEqual(['menu'])
    // Lifting afterwards does nothing more.
    expect(run(down(), held, up).actions).toEqual(['menu'])
  })

  it('do not open the menu for a tap, a scroll or a mouse', () => {
    expect(run(down(), up, held).actions).toEqual([])
    expect(run(down(), move(102, 260), held, up).actions).toEqual([])
    expect(run(down(100, 300, false), held, up).actions).toEqual([])
    expect(run(down(), { type: 'cancel' }, held).actions).toEqual([])
  })

  it('reply when pulled far enough to the right and let go', () => {
    const pulled = run(down(), move(130), move(100 + replyPx + 10))
    expect(pullOf(pulled.gesture)).toBe(replyPx + 10)
    expect(run(down(), move(130), move(100 + replyPx + 10), up).actions).toEqual(['reply'])
    // Pulling never opens the menu, however long it takes.
    expect(run(down(), move(130), held, move(100 + replyPx), up).actions).toEqual(['reply'])
  })

  it('do not reply when pulled too little, pulled back, or moved mostly up or down', () => {
    expect(run(down(), move(100 + replyPx - 10), up).actions).toEqual([])
    expect(run(down(), move(100 + replyPx + 20), move(110), up).actions).toEqual([])
    expect(run(down(), move(140, 340), up).actions).toEqual([])
    expect(run(down(), move(60), up).actions).toEqual([])
    // The browser took the finger for scrolling.
    expect(run(down(), move(100 + replyPx + 10), { type: 'cancel' }).actions).toEqual([])
  })

  it('draw the bubble along with the finger, up to a limit', () => {
    expect(pullOf(run(down(), move(105)).gesture)).toBe(0)
    expect(pullOf(run(down(), move(140)).gesture)).toBe(40)
    expect(pullOf(run(down(), move(100 + maxPullPx + 50)).gesture)).toBe(maxPullPx)
    expect(pullOf(run(down(), move(140), move(80)).gesture)).toBe(0)
  })

  it('follow only the finger that started', () => {
    const other: GestureInput = { type: 'move', pointerId: 2, x: 400, y: 300 }
    expect(pullOf(run(down(), other).gesture)).toBe(0)
    expect(run(down(), move(200), { type: 'up', pointerId: 2 }).gesture.phase).toBe('pulling')
  })
})
