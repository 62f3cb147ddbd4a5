import { useId } from 'react'
import { useSearchParams } from 'react-router-dom'
import { formatDate } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { FormErrors } from '../../lib/ui'
import { type SignInLink, startLinking, useSignInLinks, useUnlink } from './api'
import { accountTexts } from './texts'

/** `?linked=<provider>`: /external linked it and sent the person here. */
export function LinkedStatus() {
  const t = useT(accountTexts)
  const [params] = useSearchParams()
  const provider = params.get('linked')
  const links = useSignInLinks()
  if (!provider || !links.data) return null
  const providerName = links.data.links.find((l) => l.provider === provider)?.providerName ?? provider
  return (
    <p role="status" className="alert alert-success">
      {t('linkedStatus', { providerName })}
    </p>
  )
}

function LinkedItem({ link }: { link: SignInLink }) {
  const t = useT(accountTexts)
  const language = useLanguage()
  const unlink = useUnlink()
  return (
    <li className="sign-in-link">
      <div className="row">
        <span>{t('linkedSince', { providerName: link.providerName, date: formatDate(link.linkedAt, language) })}</span>
        <button type="button" className="small" disabled={unlink.isPending} onClick={() => unlink.mutate(link.id)}>
          {t('unlink', { providerName: link.providerName })}
        </button>
      </div>
      <FormErrors error={unlink.error} />
    </li>
  )
}

/** Linked identities and the providers one may link; nothing at all when the install has no providers. */
export function SignInLinksSection() {
  const t = useT(accountTexts)
  const headingId = useId()
  const links = useSignInLinks()
  // A section that cannot load stays away: it is not needed to use the account.
  if (!links.data || (links.data.links.length === 0 && links.data.available.length === 0)) return null
  const { links: linked, available } = links.data
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('linksTitle')}</h2>
      {linked.length > 0 ? (
        <ul className="plain">
          {linked.map((link) => (
            <LinkedItem key={link.id} link={link} />
          ))}
        </ul>
      ) : null}
      {available.length > 0 ? (
        <div className="actions">
          {available.map((provider) => (
            <button key={provider.key} type="button" className="with-icon" onClick={() => startLinking(provider.key)}>
              {provider.icon ? <img className="provider-icon" src={provider.icon} alt="" /> : null}
              {t('link', { name: provider.name })}
            </button>
          ))}
        </div>
      ) : null}
      <p className="hint">{t('linksNote')}</p>
    </section>
  )
}
