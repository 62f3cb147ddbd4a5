import { useId, useState } from 'react'
import type { Message } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { messageTexts } from './texts'
import { previewText } from './preview'

/** The newest pin, and on request all of them: each jumps to its message. */
export function PinnedBar({ pins, onJump }: { pins: Message[]; onJump: (message: Message) => void }) {
  const t = useT(messageTexts)
  const id = useId()
  const [all, setAll] = useState(false)
  if (pins.length === 0) return null
  const shown = all ? pins : pins.slice(0, 1)
  return (
    <div className="pinned-bar" role="region" aria-label={t('pinnedBar')}>
      <ul id={id} className="pinned-list">
        {shown.map((m) => (
          <li key={m.id}>
            <button type="button" className="pinned-item" onClick={() => onJump(m)}>
              <span aria-hidden="true">📌</span>
              <span className="pinned-text">
                <strong>{m.senderName}:</strong> {previewText(m, t, 140)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {pins.length > 1 ? (
        <button
          type="button"
          className="small"
          aria-expanded={all}
          aria-controls={id}
          onClick={() => setAll((a) => !a)}
        >
          {all ? t('pinnedLess') : t('pinnedMore', { count: pins.length })}
        </button>
      ) : null}
    </div>
  )
}
