import { type ReactNode, useId, useState } from 'react'
import { Link, NavLink, useLocation } from 'react-router-dom'
import { AppBars } from './app-bars'
import { useLiveConnection } from './hub'
import { useT } from './i18n'
import { languageNames, languages, setLanguage, useLanguage } from './language'
import { useLeaveSession, useMe, useSignOut } from './session'
import { useRenewedPushSubscription } from './push'
import { commonTexts } from './texts'
import { useUnreadSignals } from './unread'
import { reviewSchools, useAccountLive, useWaiting, waitingTotal } from './waiting'

function LanguageSwitch() {
  const t = useT(commonTexts)
  const current = useLanguage()
  return (
    <div className="language-switch" role="group" aria-label={t('language')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={language === current}
          onClick={() => setLanguage(language)}
        >
          {languageNames[language]}
        </button>
      ))}
    </div>
  )
}

function SignOutButton() {
  const t = useT(commonTexts)
  const signOut = useSignOut()
  const leave = useLeaveSession()
  return (
    <button
      type="button"
      className="link-button"
      disabled={signOut.isPending}
      onClick={() => signOut.mutate(undefined, { onSuccess: leave })}
    >
      {t('signOut')}
    </button>
  )
}

/** The number on the menu and the home link: join requests and reports waiting for my decision. */
function WaitingBadge({ count }: { count: number }) {
  const t = useT(commonTexts)
  if (count === 0) return null
  return (
    <span className="count-badge">
      {count}
      <span className="visually-hidden"> {t('waitingCount', { count })}</span>
    </span>
  )
}

/**
 * One row on every screen: the brand, and either the navigation (wide screens) or a menu button that opens it
 * (phones), so "Выйти" is never one stray tap away and the header stays one line high.
 */
export function Layout({ children }: { children: ReactNode }) {
  const t = useT(commonTexts)
  const me = useMe().data
  const menuId = useId()
  const location = useLocation()
  // The menu is open on the page it was opened on: following a link closes it.
  const [openOn, setOpenOn] = useState<string | null>(null)
  const open = openOn === location.pathname
  const setOpen = (value: boolean) => setOpenOn(value ? location.pathname : null)
  useLiveConnection(me?.id ?? null)
  useAccountLive()
  useUnreadSignals()
  useRenewedPushSubscription(me?.id ?? null, useLanguage())
  const waiting = waitingTotal(useWaiting(reviewSchools(me)))

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header no-print">
        <Link to="/" className="brand">
          {t('brand')}
        </Link>
        <button
          type="button"
          className="menu-button"
          aria-expanded={open}
          aria-controls={menuId}
          onClick={() => setOpen(!open)}
        >
          {t('menu')}
          <WaitingBadge count={waiting} />
        </button>
        <div id={menuId} className="site-menu" data-open={open}>
          {me ? (
            <nav aria-label={t('mainNav')} className="site-nav">
              <NavLink to="/" end>
                {t('home')}
                <WaitingBadge count={waiting} />
              </NavLink>
              {me.isOperator ? <NavLink to="/operator">{t('operator')}</NavLink> : null}
              <NavLink to="/account">{t('account')}</NavLink>
              <NavLink to="/settings/notifications">{t('notifications')}</NavLink>
              <SignOutButton />
            </nav>
          ) : null}
          <LanguageSwitch />
        </div>
      </header>
      <AppBars />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  )
}
