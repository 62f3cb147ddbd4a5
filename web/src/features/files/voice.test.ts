import { describe, expect, it } from 'vitest'
import {
  formatDuration,
  microphoneProblem,
  pickRecordingType,
  playerBars,
  recordingName,
  reduceLevels,
  rmsLevel,
  waveformSize,
} from './voice'

describe('rmsLevel', () => {
  it('is 0 for silence and grows with loudness', () => {
    expect(rmsLevel(new Uint8Array(256).fill(128))).toBe(0)
    const quiet = rmsLevel(Uint8Array.from({ length: 256 }, (_, i) => (i % 2 ? 120 : 136)))
    const loud = rmsLevel(Uint8Array.from({ length: 256 }, (_, i) => (i % 2 ? 20 : 236)))
    expect(quiet).toBeGreaterThan(0)
    expect(loud).toBeGreaterThan(quiet)
    expect(loud).toBeLessThanOrEqual(1)
    expect(rmsLevel([])).toBe(0)
  })
})

describe('reduceLevels', () => {
  it('averages many samples into 64 bars 0-100 with the loudest at 100', () => {
    const samples = Array.from({ length: 640 }, (_, i) => (i < 320 ? 0.1 : 0.4))
    const bars = reduceLevels(samples)
    expect(bars).toHaveLength(waveformSize)
    expect(bars.every((b) => Number.isInteger(b) && b >= 0 && b <= 100)).toBe(true)
    expect(bars[0]).toBe(25)
    expect(bars[63]).toBe(100)
  })

  it('stretches a short recording instead of leaving bars empty', () => {
    const bars = reduceLevels([0.2, 0.4])
    expect(bars).toHaveLength(64)
    expect(bars.slice(0, 32).every((b) => b === 50)).toBe(true)
    expect(bars.slice(32).every((b) => b === 100)).toBe(true)
  })

  it('does not blow near silence up into full bars, and copes with nothing', () => {
    expect(Math.max(...reduceLevels(Array(100).fill(0.001)))).toBeLessThan(10)
    expect(reduceLevels([])).toEqual(Array(64).fill(0))
    expect(reduceLevels([0.5, 0.5, 0.5], 4)).toEqual([100, 100, 100, 100])
  })
})

describe('formatDuration', () => {
  it('writes mm:ss, rounding down', () => {
    expect(formatDuration(0)).toBe('00:00')
    expect(formatDuration(7_900)).toBe('00:07')
    expect(formatDuration(205_000)).toBe('03:25')
    expect(formatDuration(3_600_000)).toBe('60:00')
    expect(formatDuration(-5)).toBe('00:00')
  })
})

describe('recording format', () => {
  it('prefers Opus in WebM and falls back to what the browser has', () => {
    expect(pickRecordingType(() => true)).toBe('audio/webm;codecs=opus')
    expect(pickRecordingType((t) => t.startsWith('audio/mp4'))).toBe('audio/mp4;codecs=mp4a.40.2')
    expect(pickRecordingType(() => false)).toBe('')
    expect(
      pickRecordingType(() => {
        throw new Error('old browser')
      }),
    ).toBe('')
  })

  it('names the file with an extension that fits', () => {
    const at = new Date(2026, 2, 1, 8, 5, 9)
    expect(recordingName('audio/webm;codecs=opus', at)).toBe('voice-2026-03-01-080509.webm')
    expect(recordingName('audio/mp4', at)).toBe('voice-2026-03-01-080509.m4a')
  })
})

describe('playerBars', () => {
  it('draws the stored waveform, clamped, or an even line without one', () => {
    expect(playerBars([0, 50, 120])).toEqual([0, 50, 100])
    expect(playerBars(null)).toHaveLength(40)
  })
})

describe('microphoneProblem', () => {
  it('tells a refusal from a missing or busy microphone', () => {
    expect(microphoneProblem(new DOMException('no', 'NotAllowedError'))).toBe('micDenied')
    expect(microphoneProblem({ name: 'NotFoundError' })).toBe('micMissing')
    expect(microphoneProblem(new DOMException('busy', 'NotReadableError'))).toBe('micBusy')
    expect(microphoneProblem(new Error('?'))).toBe('micFailed')
    expect(microphoneProblem(null)).toBe('micFailed')
  })
})
