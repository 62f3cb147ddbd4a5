import type { ChatRestriction } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { LockIcon } from './icons'
import { restrictionNotice } from './restriction'
import { chatTexts } from './texts'

/** In place of the composer in a chat the school's contact rules no longer allow: why nobody can write here. */
export function RestrictionBanner({ restriction }: { restriction: ChatRestriction }) {
  const t = useT(chatTexts)
  const notice = restrictionNotice(restriction)
  if (!notice) return null
  return (
    <div className="restriction-banner" role="status">
      <span className="restriction-icon"><LockIcon /></span>
      <p>{t(notice)}</p>
    </div>
  )
}

/** In place of the history when reading it was refused (a restricted chat with a minor in it, read by an adult who is not staff). */
export function HistoryClosed() {
  const t = useT(chatTexts)
  return (
    <div className="restriction-banner history-closed" role="status">
      <span className="restriction-icon"><LockIcon /></span>
      <p>{t('historyClosed')}</p>
    </div>
  )
}
