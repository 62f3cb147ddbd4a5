import type { ChatRestriction } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { LockIcon } from '../../lib/icons'
import { restrictionNotice } from './restriction'
import { messageTexts } from './texts'

/** In place of the composer in a chat the school's contact rules no longer allow: why nobody can write here. */
export function RestrictionBanner({ restriction }: { restriction: ChatRestriction }) {
  const t = useT(messageTexts)
  const notice = restrictionNotice(restriction)
  if (!notice) return null
  return (
    <div className="restriction-banner" role="status">
      <span className="restriction-icon">
        <LockIcon />
      </span>
      <p>{t(notice)}</p>
    </div>
  )
}

/** In place of the history when reading it was refused (a restricted chat with a minor in it, read by an adult who is not staff). */
export function HistoryClosed() {
  const t = useT(messageTexts)
  return (
    <div className="restriction-banner history-closed" role="status">
      <span className="restriction-icon">
        <LockIcon />
      </span>
      <p>{t('historyClosed')}</p>
    </div>
  )
}
