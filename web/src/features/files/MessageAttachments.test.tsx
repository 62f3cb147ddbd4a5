import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { FileResponse } from '../../lib/api-types'
import { MessageAttachments } from './MessageAttachments'

describe('MessageAttachments', () => {
  const file = (patch: Partial<FileResponse>): FileResponse => ({
    id: 'f',
    name: 'фото.jpg',
    contentType: 'image/jpeg',
    kind: 'Image',
    size: 2048,
    width: 960,
    height: 720,
    durationMs: null,
    waveform: null,
    url: '/api/v1/schools/s/files/f/content',
    thumbnailUrl: '/api/v1/schools/s/files/f/thumbnail',
    createdAt: '2026-03-01T08:00:00Z',
    ...patch,
  })

  it('renders an image as a button that opens it, with its size kept', () => {
    const html = renderToStaticMarkup(<MessageAttachments files={[file({})]} onOpenImage={() => undefined} />)
    expect(html).toContain('aria-label="Открыть изображение: фото.jpg"')
    expect(html).toContain(
      'src="/api/v1/schools/s/files/f/thumbnail" alt="фото.jpg" width="280" height="210" loading="lazy"',
    )
  })

  it('renders other files as download links named with their size, and voice notes as players', () => {
    const html = renderToStaticMarkup(
      <MessageAttachments
        files={[
          file({
            id: 'a',
            name: 'отчёт.pdf',
            kind: 'File',
            contentType: 'application/pdf',
            size: 1536,
            thumbnailUrl: null,
          }),
          file({
            id: 'b',
            name: 'voice.webm',
            kind: 'Voice',
            contentType: 'audio/webm',
            durationMs: 65_000,
            waveform: [10, 90],
            thumbnailUrl: null,
          }),
        ]}
      />,
    )
    expect(html).toContain('href="/api/v1/schools/s/files/f/content?download=true" download="отчёт.pdf"')
    expect(html).toContain('отчёт.pdf, 1,5 КБ')
    expect(html).toContain('Воспроизвести голосовое сообщение')
    expect(html).toContain('01:05')
  })
})
