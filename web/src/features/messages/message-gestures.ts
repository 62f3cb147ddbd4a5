import { type MouseEvent, type PointerEvent, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'

// Touch gestures on a message, as people know them from other messengers: hold for the actions menu, pull to the
// right to reply. Pure steps below (tested); the hook feeds them pointer events and a timer. The "…" button stays
// the way for keyboards, mice and anyone who does not know the gestures.

export const longPressMs = 500
/** A finger moves a little while held: less than this is still a press. */
export const slopPx = 10
/** Pulled at least this far and let go: reply. */
export const replyPx = 64
/** After the menu opened by holding, a click or context menu this soon belongs to the same finger. */
const swallowMs = 1_000
/** The bubble follows the finger this far at most. */
export const maxPullPx = 96

export type Gesture =
  | { phase: 'idle' }
  | { phase: 'pressing'; pointerId: number; x: number; y: number }
  | { phase: 'pulling'; pointerId: number; x: number; y: number; dx: number }
  /** Scrolling, or the menu already opened: nothing more until the finger lifts. */
  | { phase: 'done'; pointerId: number }

export type GestureInput =
  | { type: 'down'; pointerId: number; x: number; y: number; touch: boolean }
  | { type: 'move'; pointerId: number; x: number; y: number }
  | { type: 'up'; pointerId: number }
  | { type: 'cancel' }
  | { type: 'held' }

export type GestureAction = 'menu' | 'reply' | null

export const idle: Gesture = { phase: 'idle' }

export function nextGesture(gesture: Gesture, input: GestureInput): { gesture: Gesture; action: GestureAction } {
  const stay = { gesture, action: null }
  switch (input.type) {
    case 'down':
      // Mice and pens select text and have the menu button; only a finger gets gestures.
      return {
        gesture: input.touch ? { phase: 'pressing', pointerId: input.pointerId, x: input.x, y: input.y } : idle,
        action: null,
      }
    case 'move': {
      if (gesture.phase === 'idle' || gesture.phase === 'done' || gesture.pointerId !== input.pointerId) return stay
      const dx = input.x - gesture.x
      const dy = input.y - gesture.y
      if (gesture.phase === 'pulling') return { gesture: { ...gesture, dx: Math.max(0, dx) }, action: null }
      if (Math.hypot(dx, dy) <= slopPx) return stay
      // Mostly to the right: a pull. Anything else is the list scrolling (or a pull to the left): let it be.
      if (dx > 0 && dx > 2 * Math.abs(dy)) return { gesture: { ...gesture, phase: 'pulling', dx }, action: null }
      return { gesture: { phase: 'done', pointerId: gesture.pointerId }, action: null }
    }
    case 'held':
      return gesture.phase === 'pressing'
        ? { gesture: { phase: 'done', pointerId: gesture.pointerId }, action: 'menu' }
        : stay
    case 'up':
      if (gesture.phase === 'idle' || gesture.pointerId !== input.pointerId) return stay
      return { gesture: idle, action: gesture.phase === 'pulling' && gesture.dx >= replyPx ? 'reply' : null }
    case 'cancel':
      return { gesture: idle, action: null }
  }
}

/** How far the bubble is drawn to the right. */
export function pullOf(gesture: Gesture): number {
  return gesture.phase === 'pulling' ? Math.min(gesture.dx, maxPullPx) : 0
}

/** Where a press belongs to the control under it (typing, choosing, seeking a voice note), not to the message. */
function ownGestures(target: EventTarget): boolean {
  return (
    target instanceof Element &&
    Boolean(target.closest('input, textarea, select, audio, video, [role="slider"], [contenteditable]'))
  )
}

/** Pointer handlers for a message, and how far it is pulled. `enabled` false (editing, say) turns the gestures off. */
export function useMessageGestures({
  enabled,
  onMenu,
  onReply,
}: {
  enabled: boolean
  onMenu: () => void
  onReply?: () => void
}) {
  const gesture = useRef<Gesture>(idle)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  /** The menu opened by holding: until then, the click (or context menu) that may follow the lifted finger is not a tap. */
  const swallowUntil = useRef(0)
  const [pull, setPull] = useState(0)
  // The handlers of the last render, for the timer and pointer events to call.
  const actions = useRef({ onMenu, onReply })
  useLayoutEffect(() => {
    actions.current = { onMenu, onReply }
  })

  const feed = useCallback((input: GestureInput) => {
    const step = nextGesture(gesture.current, input)
    gesture.current = step.gesture
    if (step.gesture.phase !== 'pressing') clearTimeout(timer.current)
    setPull(pullOf(step.gesture))
    if (step.action === 'menu') {
      swallowUntil.current = performance.now() + swallowMs
      actions.current.onMenu()
    } else if (step.action === 'reply') actions.current.onReply?.()
  }, [])

  useEffect(() => () => clearTimeout(timer.current), [])

  const handlers = {
    onPointerDown: (e: PointerEvent) => {
      if (gesture.current.phase === 'idle') swallowUntil.current = 0
      if (!enabled || !e.isPrimary || ownGestures(e.target)) return
      feed({ type: 'down', pointerId: e.pointerId, x: e.clientX, y: e.clientY, touch: e.pointerType === 'touch' })
      if (gesture.current.phase === 'pressing') timer.current = setTimeout(() => feed({ type: 'held' }), longPressMs)
    },
    onPointerMove: (e: PointerEvent) => {
      if (gesture.current.phase !== 'idle') feed({ type: 'move', pointerId: e.pointerId, x: e.clientX, y: e.clientY })
    },
    onPointerUp: (e: PointerEvent) => feed({ type: 'up', pointerId: e.pointerId }),
    onPointerCancel: () => feed({ type: 'cancel' }),
    onContextMenu: (e: MouseEvent) => {
      if (performance.now() < swallowUntil.current || gesture.current.phase !== 'idle') e.preventDefault()
    },
    onClickCapture: (e: MouseEvent) => {
      if (performance.now() >= swallowUntil.current) return
      swallowUntil.current = 0
      e.preventDefault()
      e.stopPropagation()
    },
  }
  return { handlers, pull }
}
