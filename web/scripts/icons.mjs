#!/usr/bin/env node
// Draws the app's PNG icons into public/ (run once by hand, the PNGs are committed): the mark of public/favicon.svg
// (a blue sphere with a white equator and rim) for the install manifests, the home screen and notifications. Pure Node:
// shapes tested per sample (4×4 per pixel, for smooth edges) and a PNG written with zlib.
//
//   node scripts/icons.mjs
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '../public')

// Colours of src/lib/tokens.css (light theme): --color-accent and --color-on-accent.
const accent = [0x1a, 0x56, 0xb8, 255]
const white = [255, 255, 255, 255]

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes) {
  let c = 0xffffffff
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** An 8-bit RGBA PNG of `size`×`size` pixels (rgba: size*size*4 bytes, rows top to bottom). */
function png(size, rgba) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bits per channel
  header[9] = 6 // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0 // no filter
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * The mark in a 32-unit square, as favicon.svg draws it: a disc of radius 14, its rim and an equator (an ellipse
 * 14 × 5.5) stroked 2 wide. `scale` shrinks it around the centre (a maskable icon keeps it in the safe zone).
 * Returns the colour at a point, or null for none (the background shows).
 */
function mark({ disc, lines, scale = 1 }) {
  return (x, y) => {
    const dx = (x - 16) / scale
    const dy = (y - 16) / scale
    const r = Math.hypot(dx, dy)
    const onRim = Math.abs(r - 14) <= 1
    // Distance to the ellipse, to first order: |f| / |∇f| with f = (x/a)² + (y/b)² − 1.
    const a = 14
    const b = 5.5
    const f = (dx * dx) / (a * a) + (dy * dy) / (b * b) - 1
    const grad = Math.hypot((2 * dx) / (a * a), (2 * dy) / (b * b)) || 1
    const onEquator = Math.abs(f) / grad <= 1 && r <= 14
    if (onRim || onEquator) return lines
    if (r <= 14) return disc
    return null
  }
}

function draw(size, background, paint) {
  const rgba = Buffer.alloc(size * size * 4)
  const samples = 4
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      // Premultiplied sums over the samples.
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size) * 32
          const y = ((py + (sy + 0.5) / samples) / size) * 32
          const colour = paint(x, y) ?? background
          if (!colour) continue
          const alpha = colour[3] / 255
          r += colour[0] * alpha
          g += colour[1] * alpha
          b += colour[2] * alpha
          a += alpha
        }
      const at = (py * size + px) * 4
      if (a > 0) {
        rgba[at] = Math.round(r / a)
        rgba[at + 1] = Math.round(g / a)
        rgba[at + 2] = Math.round(b / a)
      }
      rgba[at + 3] = Math.round((a / (samples * samples)) * 255)
    }
  return png(size, rgba)
}

const icons = [
  // "any": the sphere on a transparent square, as in the tab.
  { file: 'icon-192.png', size: 192, background: null, paint: mark({ disc: accent, lines: white }) },
  { file: 'icon-512.png', size: 512, background: null, paint: mark({ disc: accent, lines: white }) },
  // Maskable: the platform cuts any shape out of the square, keeping the circle of 40 % radius (the safe zone): a
  // blue square, and the mark inside that circle.
  {
    file: 'icon-maskable-512.png',
    size: 512,
    background: accent,
    paint: mark({ disc: accent, lines: white, scale: 0.75 }),
  },
  // iOS fills transparency with black and rounds the corners itself: an opaque square.
  {
    file: 'apple-touch-icon.png',
    size: 180,
    background: accent,
    paint: mark({ disc: accent, lines: white, scale: 0.8 }),
  },
  // A notification's badge (Android's status bar): only the alpha counts, so the rim and the equator in white.
  { file: 'badge-96.png', size: 96, background: null, paint: mark({ disc: null, lines: white }) },
]

for (const icon of icons) {
  writeFileSync(join(publicDir, icon.file), draw(icon.size, icon.background, icon.paint))
  console.log(`public/${icon.file}`)
}
