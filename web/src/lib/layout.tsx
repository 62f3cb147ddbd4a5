import type { ReactNode } from 'react'
import { Link, NavLink } from 'react-router-dom'
import { useLiveConnection } from './hub'
import { useT } from './i18n'
import { languageNames, languages, setLanguage, useLanguage } from './language'
import { useLeaveSession, useMe, useSignOut } from './session'
import { commonTexts } from './texts'

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

export function Layout({ children }: { children: ReactNode }) {
  const t = useT(commonTexts)
  const me = useMe().data
  useLiveConnection(me?.id ?? null)
  return (
    <>
      <a className="skip-link" href="#main">{t('skipToContent')}</a>
      <header className="site-header no-print">
        <Link to="/" className="brand">{t('brand')}</Link>
        {me ? (
          <nav aria-label={t('mainNav')} className="site-nav">
            <NavLink to="/" end>{t('home')}</NavLink>
            {me.isOperator ? <NavLink to="/operator">{t('operator')}</NavLink> : null}
            <NavLink to="/account">{t('account')}</NavLink>
            <SignOutButton />
          </nav>
        ) : null}
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  )
}
