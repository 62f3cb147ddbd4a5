import type { ChatSummary } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { BellOffIcon } from '../../lib/icons'
import { useLanguage } from '../../lib/language'
import { mutedLabel, muteState } from './notify-times'
import { chatTexts } from './texts'

/** A crossed-out bell where a chat is muted (its row in the list, its head), named "Уведомления выключены до 14:30". */
export function MutedMarker({ chat, size = 14 }: { chat: ChatSummary; size?: number }) {
  const t = useT(chatTexts)
  const language = useLanguage()
  const label = mutedLabel(muteState(chat.notificationsOffUntil), t, language)
  if (!label) return null
  return (
    <span className="muted-marker" title={label}>
      <BellOffIcon size={size} />
      <span className="visually-hidden">{label}</span>
    </span>
  )
}
