import { describe, expect, it } from 'vitest'
import tokensCss from './tokens.css?raw'

// The design tokens (tokens.css): the text/background pairs the screens use meet WCAG 2.2 AA in both themes, the dark
// theme sets every colour, and no other stylesheet or component writes a colour of its own.

type Theme = Map<string, string>
type Rgba = [number, number, number, number]

/** The declarations of the first `:root { … }` in a piece of CSS. */
function rootDeclarations(css: string): Theme {
  const body = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? ''
  const declarations = new Map<string, string>()
  for (const [, name, value] of body.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g))
    declarations.set(name, value.trim())
  return declarations
}

function themes(css: string): { light: Theme; dark: Theme; darkOverrides: Theme } {
  const darkStart = css.search(/@media[^{]*prefers-color-scheme:\s*dark/)
  if (darkStart < 0) throw new Error('tokens.css has no dark theme')
  const light = rootDeclarations(css.slice(0, darkStart))
  const darkOverrides = rootDeclarations(css.slice(darkStart))
  return { light, dark: new Map([...light, ...darkOverrides]), darkOverrides }
}

function resolve(theme: Theme, name: string): string {
  let value = theme.get(name)
  for (let depth = 0; value !== undefined && depth < 10; depth++) {
    const reference = /^var\((--[\w-]+)\)$/.exec(value)
    if (!reference) return value
    value = theme.get(reference[1])
  }
  throw new Error(`${name} is not a colour token`)
}

function parseColour(text: string): Rgba {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text)
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1]
    return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)).concat(1) as Rgba
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[/,]\s*([\d.]+)(%?))?\s*\)$/.exec(text)
  if (rgb) {
    const alpha = rgb[4] === undefined ? 1 : Number(rgb[4]) / (rgb[5] ? 100 : 1)
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), alpha]
  }
  throw new Error(`cannot read the colour ${text}`)
}

/** A translucent colour as seen over an opaque one. */
function over(top: Rgba, below: Rgba): Rgba {
  const a = top[3]
  return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a)).concat(1) as Rgba
}

// WCAG 2.2, "relative luminance" and "contrast ratio".
function luminance([r, g, b]: Rgba): number {
  const linear = (c: number) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

/** A background token, optionally translucent over another (`quote-bg/own-bubble`). */
function background(theme: Theme, spec: string): Rgba {
  const [top, ...below] = spec.split('/')
  const colour = parseColour(resolve(theme, `--color-${top}`))
  if (colour[3] === 1) return colour
  if (below.length === 0) throw new Error(`--color-${top} is translucent: say what it lies over`)
  return over(colour, background(theme, below.join('/')))
}

const TEXT = 4.5 // body text (WCAG 1.4.3)
const UI = 3 // borders of controls, focus rings, indicators (WCAG 1.4.11)

/** [foreground, background, minimum, where]: every text colour on every background it is shown on. */
const pairs: [string, string, number, string][] = [
  ['text', 'bg', TEXT, 'page, chat history'],
  ['text', 'surface', TEXT, 'cards, controls, bubbles'],
  ['text', 'surface-subtle', TEXT, 'table heads, code'],
  ['text', 'surface-hover', TEXT, 'a chat under the pointer'],
  ['text', 'surface-inactive', TEXT, 'a switched-off card'],
  ['text', 'selected-bg', TEXT, 'the open chat'],
  ['text', 'notice-bg', TEXT, 'notices'],
  ['text', 'own-bubble', TEXT, 'my message'],
  ['text', 'success-bg', TEXT, 'success alerts'],
  ['text', 'error-bg', TEXT, 'error alerts'],
  ['text', 'warning-bg', TEXT, 'warnings, the reported message'],
  ['text', 'highlight', TEXT, 'a mention of me, a search match'],
  ['text', 'quote-bg/surface', TEXT, 'a reply quote'],
  ['text', 'quote-bg/own-bubble', TEXT, 'a reply quote in my message'],
  ['text', 'quote-bg-hover/own-bubble', TEXT, 'a reply quote under the pointer'],
  ['text', 'choice-hover/own-bubble', TEXT, 'a poll option under the pointer'],
  ['text-muted', 'bg', TEXT, 'history dividers, typing'],
  ['text-muted', 'surface', TEXT, 'hints, times'],
  ['text-muted', 'surface-subtle', TEXT, 'badges'],
  ['text-muted', 'surface-hover', TEXT, 'a chat preview under the pointer'],
  ['text-muted', 'surface-inactive', TEXT, 'a switched-off card'],
  ['text-muted', 'selected-bg', TEXT, 'the open chat preview'],
  ['text-muted', 'notice-bg', TEXT, 'hints in notices'],
  ['text-muted', 'own-bubble', TEXT, 'the time of my message'],
  ['text-muted', 'warning-bg', TEXT, 'the reported message'],
  ['link', 'bg', TEXT, 'links on the page'],
  ['link', 'surface', TEXT, 'links in cards, the current tab'],
  ['link', 'selected-bg', TEXT, 'typing in the open chat'],
  ['link', 'own-bubble', TEXT, 'a link in my message'],
  ['link', 'notice-bg', TEXT, 'a link in a notice'],
  ['link-hover', 'bg', TEXT, 'a link under the pointer'],
  ['link-hover', 'surface', TEXT, 'a link under the pointer'],
  ['accent-text', 'bg', TEXT, 'the unread divider'],
  ['accent-text', 'surface', TEXT, 'senders, mentions'],
  ['accent-text', 'own-bubble', TEXT, 'a mention in my message'],
  ['accent-text', 'notice-bg', TEXT, 'role badges'],
  ['accent-text', 'selected-bg', TEXT, 'my reaction'],
  ['accent-text', 'drop-bg/bg', TEXT, 'drop files here'],
  ['on-accent', 'accent', TEXT, 'primary buttons, unread counts'],
  ['on-accent', 'accent-hover', TEXT, 'a primary button under the pointer'],
  ['danger', 'bg', TEXT, 'a message not sent'],
  ['danger', 'surface', TEXT, 'field errors, destructive buttons'],
  ['danger', 'error-bg', TEXT, 'an error inside an error alert'],
  ['on-danger', 'danger', TEXT, 'waiting counts'],
  ['success-text', 'surface', TEXT, 'confirmed reading, my poll choice'],
  ['success-text', 'own-bubble', TEXT, 'my poll choice in my poll'],
  ['success-text', 'success-bg', TEXT, 'OK badges'],
  ['warning-text', 'surface', TEXT, '"you were mentioned"'],
  ['warning-text', 'own-bubble', TEXT, '"you were mentioned" in my message'],
  ['on-call', 'call-bg', TEXT, 'the call screen'],
  ['on-call', 'call-scrim/call-bg', TEXT, 'the name and status over the video'],
  ['on-call', 'call-control/call-bg', TEXT, 'a call control'],
  ['on-call', 'call-avatar', TEXT, 'the initials in an audio call'],
  ['call-bg', 'on-call', TEXT, 'a pressed call control (muted)'],
  ['on-call', 'call-tile', TEXT, "a person's name on a group call tile"],
  ['on-call', 'call-scrim/call-tile', TEXT, 'the name over a video tile'],
  ['call-speaking', 'call-bg', UI, 'the frame around whoever speaks'],
  ['call-hand', 'call-scrim/call-tile', UI, 'a raised hand on a tile'],
  ['border-strong', 'surface', UI, 'form field borders'],
  ['accent', 'surface', UI, 'the selected chat marker, pressed buttons'],
  ['accent', 'bg', UI, 'the current tab'],
  ['accent', 'selected-bg', UI, 'the open chat marker'],
  ['accent', 'track', UI, 'my poll result, the upload progress'],
  ['danger', 'surface', UI, 'a confirmation frame, an invalid field'],
]

const { light, dark, darkOverrides } = themes(tokensCss)

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s theme', (_, theme) => {
  it.each(pairs)('%s on %s reaches %s:1 (%s)', (foreground, back, minimum) => {
    const bg = background(theme, back)
    const fg = over(parseColour(resolve(theme, `--color-${foreground}`)), bg)
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(minimum)
  })

  it('draws a focus ring that shows against the page and the surface', () => {
    // A two-tone ring: the focus colour inside a halo; against each background one of them reaches 3:1, and they
    // reach 3:1 against each other.
    const ring = parseColour(resolve(theme, '--color-focus'))
    const halo = parseColour(resolve(theme, '--color-focus-halo'))
    expect(contrast(ring, halo)).toBeGreaterThanOrEqual(UI)
    for (const back of ['bg', 'surface', 'own-bubble']) {
      const bg = background(theme, back)
      expect(Math.max(contrast(ring, bg), contrast(halo, bg))).toBeGreaterThanOrEqual(UI)
    }
  })
})

describe('the tokens', () => {
  it('give the dark theme every colour and shadow of the light one', () => {
    const colours = [...light.keys()].filter((name) => name.startsWith('--color-') || name.startsWith('--shadow-'))
    expect(colours.filter((name) => !darkOverrides.has(name))).toEqual([])
    expect([...darkOverrides.keys()].filter((name) => !light.has(name))).toEqual([])
  })

  it('computes contrast the WCAG way', () => {
    expect(contrast(parseColour('#000'), parseColour('#fff'))).toBeCloseTo(21, 5)
    expect(contrast(parseColour('#767676'), parseColour('#ffffff'))).toBeCloseTo(4.54, 2)
  })
})

// Every stylesheet and component of the app except tokens.css itself.
const stylesheets = import.meta.glob<string>(['../**/*.css', '!./tokens.css'], {
  query: '?raw',
  import: 'default',
  eager: true,
})
const components = import.meta.glob<string>('../**/*.tsx', { query: '?raw', import: 'default', eager: true })

describe('the stylesheets', () => {
  it('are found', () => {
    expect(Object.keys(stylesheets)).toContain('../styles.css')
  })

  it.each(Object.entries(stylesheets))('%s writes no colour of its own', (_, css) => {
    const values = [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/[{;]\s*([\w-]+)\s*:\s*([^;{}]+)/g)]
    const literal =
      /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(|\b(?:white|black|red|green|blue|yellow|orange|gray|grey|silver)\b/i
    expect(
      values.filter(([, , value]) => literal.test(value)).map(([, property, value]) => `${property}: ${value.trim()}`),
    ).toEqual([])
  })

  it.each(Object.entries(stylesheets))('%s uses only defined tokens', (_, css) => {
    // A custom property with a fallback (`var(--pull, 0px)`) is set by a component, not a token.
    const used = [...css.matchAll(/var\((--[\w-]+)\s*\)/g)].map(([, name]) => name)
    expect([...new Set(used)].filter((name) => !light.has(name))).toEqual([])
  })

  it.each(Object.entries(components))('%s sets no colour inline', (_, source) => {
    expect(source).not.toMatch(/(?:color|background|border|fill|stroke)\w*\s*[:=]\s*['"`](?:#|rgb|hsl)/i)
  })
})
