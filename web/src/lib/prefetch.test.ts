import { afterEach, describe, expect, it, vi } from 'vitest'
import { prefetchWhenIdle } from './prefetch'

describe('prefetchWhenIdle', () => {
  afterEach(() => vi.useRealTimers())

  it('loads when the browser says it is idle, and not once cancelled', () => {
    let idle: (() => void) | undefined
    const cancel = vi.fn()
    const host = {
      navigator: {},
      requestIdleCallback: (callback: () => void) => ((idle = callback), 7),
      cancelIdleCallback: cancel,
    }
    const load = vi.fn(() => Promise.resolve())
    const stop = prefetchWhenIdle(load, host)
    expect(load).not.toHaveBeenCalled()
    idle?.()
    expect(load).toHaveBeenCalledTimes(1)
    stop()
    expect(cancel).toHaveBeenCalledWith(7)
  })

  it('waits a moment where the browser cannot say when it is idle', () => {
    vi.useFakeTimers()
    const load = vi.fn(() => Promise.resolve())
    const stop = prefetchWhenIdle(load, { navigator: {} })
    vi.advanceTimersByTime(1999)
    expect(load).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(load).toHaveBeenCalledTimes(1)
    stop()
  })

  it('fetches nothing ahead for a person saving data', () => {
    vi.useFakeTimers()
    const load = vi.fn(() => Promise.resolve())
    prefetchWhenIdle(load, {
      navigator: { connection: { saveData: true } },
      requestIdleCallback: () => 1,
      cancelIdleCallback: () => {},
    })
    vi.advanceTimersByTime(10_000)
    expect(load).not.toHaveBeenCalled()
  })

  it('a failed fetch is left for the tap that needs the code, without an unhandled rejection', async () => {
    vi.useFakeTimers()
    const load = vi.fn(() => Promise.reject(new Error('offline')))
    prefetchWhenIdle(load, { navigator: {} })
    vi.advanceTimersByTime(2000)
    expect(load).toHaveBeenCalledTimes(1)
    await Promise.resolve()
  })
})
