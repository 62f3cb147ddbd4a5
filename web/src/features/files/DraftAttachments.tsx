import { useConversation } from '../../lib/conversation'
import { formatBytes } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { type AttachmentDraft, removeAttachment } from './attachment-drafts'
import { fileTexts } from './texts'

function icon(draft: AttachmentDraft): string {
  const type = draft.file?.contentType ?? draft.type
  return type.startsWith('image/') ? '🖼' : type.startsWith('video/') ? '🎬' : type.startsWith('audio/') ? '🎵' : '📄'
}

/** The files attached to the message being written: progress while uploading, then a preview; each can be taken off. */
export function DraftAttachments({ items }: { items: readonly AttachmentDraft[] }) {
  const { schoolId, chat } = useConversation()
  const t = useT(fileTexts)
  const language = useLanguage()
  if (items.length === 0) return null
  return (
    <ul className="draft-attachments" aria-label={t('attachments')}>
      {items.map((draft) => {
        const uploading = draft.status === 'uploading'
        const thumbnail = draft.file?.thumbnailUrl
        return (
          <li key={draft.key} className={`draft-attachment draft-attachment-${draft.status}`}>
            {thumbnail ? (
              <img className="draft-thumb" src={thumbnail} alt="" width={44} height={44} />
            ) : (
              <span className="draft-icon" aria-hidden="true">
                {icon(draft)}
              </span>
            )}
            <span className="draft-info">
              <span className="draft-name">{draft.name}</span>
              <span className="draft-size">{formatBytes(draft.size, language)}</span>
              {uploading ? (
                <progress
                  className="draft-progress"
                  max={draft.total || 1}
                  value={Math.min(draft.loaded, draft.total || 1)}
                  aria-label={t('uploadingFile', { name: draft.name })}
                />
              ) : null}
            </span>
            <button
              type="button"
              className="icon-button draft-remove"
              onClick={() => removeAttachment(schoolId, chat.id, draft.key)}
            >
              <span aria-hidden="true">✕</span>
              <span className="visually-hidden">
                {uploading ? t('cancelUpload', { name: draft.name }) : t('removeAttachment', { name: draft.name })}
              </span>
            </button>
            {draft.status === 'failed' ? (
              <p className="draft-error" role="alert">
                {draft.tooLarge !== undefined
                  ? t('uploadTooLarge', { max: formatBytes(draft.tooLarge, language) })
                  : draft.error}
              </p>
            ) : null}
          </li>
        )
      })}
    </ul>
  )
}
