import {
  type ReactNode,
  type Ref,
  useCallback,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { flushSync } from 'react-dom'

// A list that keeps only the rows near the screen in the DOM, made for chat history: rows of unknown height
// measured as they appear, older rows added on top without the view jumping, and "stay at the end" while new
// rows arrive. The view is held by an anchor (a row and the distance of the viewport's top from it) rather than
// by a pixel offset, so anything that changes above the anchor (a page of older messages, a row measured taller
// than estimated) leaves what the reader sees in place.

export interface VirtualLogHandle {
  scrollToKey(key: string): void
  scrollToEnd(): void
}

export interface LogView {
  first: number
  last: number
  atEnd: boolean
}

interface Props<T> {
  rows: readonly T[]
  rowKey: (row: T) => string
  renderRow: (row: T, index: number) => ReactNode
  /** The row to open at (shown near the top); the end when absent. Read on the first render only. */
  initialKey?: string | null
  /** Name of the scrollable region and of the list. */
  label: string
  listLabel: string
  onNearStart?: () => void
  onNearEnd?: () => void
  onView?: (view: LogView) => void
  handle?: Ref<VirtualLogHandle>
  estimate?: number
}

interface Anchor {
  key: string
  delta: number
}

interface Position {
  stick: boolean
  anchor: Anchor | null
  top: number
}

const overscanPx = 800
const nearPx = 1200
const anchorMarginPx = 16

/** The row that covers `y` (the last one starting at or before it). */
function rowAt(offsets: Float64Array, count: number, y: number): number {
  let lo = 0
  let hi = count - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (offsets[mid] <= y) lo = mid
    else hi = mid - 1
  }
  return lo
}

export function VirtualLog<T>({
  rows,
  rowKey,
  renderRow,
  initialKey,
  label,
  listLabel,
  onNearStart,
  onNearEnd,
  onView,
  handle,
  estimate = 72,
}: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null)
  // The heights measured so far: the ref is what measuring compares with, `measured` its copy for rendering.
  const heights = useRef(new Map<string, number>())
  const [measured, setMeasured] = useState<ReadonlyMap<string, number>>(() => new Map())
  const elements = useRef(new Map<string, HTMLLIElement>())
  // Where the view is: at the end (`stick`), held by an anchor row, or else at `top` (the last scroll position).
  const [position, setPosition] = useState<Position>(() => ({
    stick: !initialKey,
    anchor: initialKey ? { key: initialKey, delta: -anchorMarginPx } : null,
    top: 0,
  }))
  const lastView = useRef('')
  const [viewport, setViewport] = useState(0)

  const keys = useMemo(() => rows.map(rowKey), [rows, rowKey])
  const indexOf = useMemo(() => new Map(keys.map((k, i) => [k, i])), [keys])
  const offsets = useMemo(() => {
    const o = new Float64Array(keys.length + 1)
    for (let i = 0; i < keys.length; i++) o[i + 1] = o[i] + (measured.get(keys[i]) ?? estimate)
    return o
  }, [keys, measured, estimate])
  // What event handlers and observers read: the model of the last committed render.
  const model = useRef({ offsets, keys, indexOf })
  useLayoutEffect(() => {
    model.current = { offsets, keys, indexOf }
  })

  const count = keys.length
  const total = offsets[count]
  const maxTop = Math.max(0, total - viewport)
  let top = position.top
  const anchorIndex = position.anchor ? indexOf.get(position.anchor.key) : undefined
  if (position.stick) top = maxTop
  else if (position.anchor && anchorIndex !== undefined) top = offsets[anchorIndex] + position.anchor.delta
  top = Math.min(Math.max(0, top), maxTop)
  const start = count ? rowAt(offsets, count, top - overscanPx) : 0
  const end = count ? rowAt(offsets, count, top + Math.max(viewport, 400) + overscanPx) : -1
  const plannedTop = top

  /** Records the height of every row in the DOM; true when something changed (a render follows). */
  const measure = useCallback((sync: boolean) => {
    // Hidden (display: none, as behind the members panel on a phone): every row would measure 0.
    if (!scroller.current || scroller.current.clientHeight === 0) return false
    let changed = false
    for (const [key, el] of elements.current) {
      const h = el.getBoundingClientRect().height
      if (Math.abs((heights.current.get(key) ?? -1) - h) >= 0.5) {
        heights.current.set(key, h)
        changed = true
      }
    }
    if (changed) {
      const copy = new Map(heights.current)
      if (sync) flushSync(() => setMeasured(copy))
      else setMeasured(copy)
    }
    return changed
  }, [])

  const observer = useRef<ResizeObserver | null>(null)

  // One ref callback for every row (the row's key is its data-key); its cleanup runs when the row leaves the DOM.
  const rowRef = useCallback((el: HTMLLIElement) => {
    const key = el.dataset.key ?? ''
    const previous = elements.current.get(key)
    if (previous && previous !== el) observer.current?.unobserve(previous)
    elements.current.set(key, el)
    observer.current?.observe(el)
    return () => {
      observer.current?.unobserve(el)
      if (elements.current.get(key) === el) elements.current.delete(key)
    }
  }, [])

  // Rows that change height on their own (an opened menu, an edit box, a narrower window) are measured again.
  useLayoutEffect(() => {
    const el = scroller.current
    if (!el) return
    const rowsObserver = new ResizeObserver(() => measure(true))
    observer.current = rowsObserver
    for (const row of elements.current.values()) rowsObserver.observe(row)
    const resize = new ResizeObserver(() => flushSync(() => setViewport(el.clientHeight)))
    resize.observe(el)
    setViewport(el.clientHeight)
    return () => {
      rowsObserver.disconnect()
      resize.disconnect()
      observer.current = null
    }
  }, [measure])

  const report = useCallback(
    (at: number) => {
      const { offsets: o, keys: k } = model.current
      const el = scroller.current
      if (!el || k.length === 0) return
      const height = el.clientHeight
      const atEnd = el.scrollHeight - el.clientHeight - el.scrollTop < 4
      const view = { first: rowAt(o, k.length, at + 8), last: rowAt(o, k.length, at + height - 8), atEnd }
      const signature = `${view.first}/${view.last}/${view.atEnd}/${k.length}`
      if (signature !== lastView.current) {
        lastView.current = signature
        onView?.(view)
      }
      if (at < nearPx) onNearStart?.()
      if (o[k.length] - at - height < nearPx) onNearEnd?.()
    },
    [onView, onNearStart, onNearEnd],
  )

  // After every render: measure new rows (rendering again at once if any differ from the estimate), then put
  // the view where the anchor says, before the browser paints.
  useLayoutEffect(() => {
    const el = scroller.current
    if (!el || el.clientHeight === 0 || measure(false)) return
    const target = position.stick ? el.scrollHeight - el.clientHeight : plannedTop
    if (Math.abs(el.scrollTop - target) >= 1) el.scrollTop = target
    // Moving the view fires a scroll event, and onScroll records where it is.
    report(el.scrollTop)
  })

  const onScroll = () => {
    const el = scroller.current
    if (!el) return
    const at = el.scrollTop
    const stick = el.scrollHeight - el.clientHeight - at < 4
    const { offsets: o, keys: k } = model.current
    let anchor: Anchor | null = null
    if (!stick && k.length > 0) {
      const i = rowAt(o, k.length, at)
      anchor = { key: k[i], delta: at - o[i] }
    }
    setPosition({ stick, anchor, top: at })
  }

  useImperativeHandle(
    handle,
    () => ({
      scrollToKey(key: string) {
        setPosition((p) => ({ ...p, stick: false, anchor: { key, delta: -anchorMarginPx } }))
      },
      scrollToEnd() {
        setPosition((p) => ({ ...p, stick: true, anchor: null }))
      },
    }),
    [],
  )

  return (
    <div ref={scroller} className="log-scroll" tabIndex={0} role="region" aria-label={label} onScroll={onScroll}>
      <ol
        className="log-list"
        aria-label={listLabel}
        style={{ paddingTop: offsets[start], paddingBottom: total - offsets[end + 1] }}
      >
        {rows.slice(start, end + 1).map((row, i) => {
          const key = keys[start + i]
          return (
            <li key={key} ref={rowRef} data-key={key}>
              {renderRow(row, start + i)}
            </li>
          )
        })}
      </ol>
    </div>
  )
}
