// Ring tones made with WebAudio, so there is no sound file to ship. Where the browser allows no sound before the
// person has touched the page (autoplay rules), the audio context stays suspended: the ring is silent, never an
// error, and starts at the first touch or key press.

export type Tone = 'incoming' | 'ringback'

interface Pattern {
  /** One note after another, each `note` seconds long with `gap` between them. */
  frequencies: number[]
  note: number
  gap: number
  /** From the start of one ring to the next, in seconds. */
  period: number
}

const patterns: Record<Tone, Pattern> = {
  // Two rising notes every three seconds.
  incoming: { frequencies: [660, 880, 660, 880], note: 0.18, gap: 0.06, period: 3 },
  // What the caller hears while the other side rings: 425 Hz, one second in four.
  ringback: { frequencies: [425], note: 1, gap: 0, period: 4 },
}

const volume = 0.15

function playNote(context: AudioContext, frequency: number, at: number, length: number) {
  const oscillator = context.createOscillator()
  const gain = context.createGain()
  oscillator.frequency.value = frequency
  // Soft edges: a tone switched on and off at once clicks.
  gain.gain.setValueAtTime(0, at)
  gain.gain.linearRampToValueAtTime(volume, at + 0.02)
  gain.gain.setValueAtTime(volume, at + length - 0.03)
  gain.gain.linearRampToValueAtTime(0, at + length)
  oscillator.connect(gain).connect(context.destination)
  oscillator.start(at)
  oscillator.stop(at + length)
}

/** Starts ringing; the function returned stops it. */
export function startRing(tone: Tone): () => void {
  let context: AudioContext
  try {
    context = new AudioContext()
  } catch {
    return () => undefined
  }
  const { frequencies, note, gap, period } = patterns[tone]
  let next = 0
  // Rings are scheduled a little ahead on the audio clock, so a busy page does not make them stutter.
  const schedule = () => {
    if (context.state !== 'running') return
    const now = context.currentTime
    if (next < now) next = now + 0.05
    while (next < now + 1.5) {
      frequencies.forEach((frequency, i) => playNote(context, frequency, next + i * (note + gap), note))
      next += period
    }
  }
  const resume = () => {
    context.resume().then(schedule, () => undefined)
  }
  resume()
  const timer = setInterval(schedule, 500)
  window.addEventListener('pointerdown', resume)
  window.addEventListener('keydown', resume)
  return () => {
    clearInterval(timer)
    window.removeEventListener('pointerdown', resume)
    window.removeEventListener('keydown', resume)
    context.close().catch(() => undefined)
  }
}
