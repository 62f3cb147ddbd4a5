// The sign-in page without React (entry src/signin.ts, page signin.html, served for /signin): the same form, texts,
// requests and header as the app's screens, written with the DOM so the page loads a few KiB of script. Its
// decisions (the code step, where errors go, where to land) are in signin-flow.ts.
import type { Me } from '../../lib/api-types'
import type * as Wire from '../../lib/api-schema'
import { api } from '../../lib/http'
import { keepNextForExternal } from '../../lib/landing'
import { getLanguage, languageNames, languages, setLanguage, subscribeLanguage } from '../../lib/language-store'
import { commonTexts } from '../../lib/texts'
import { translate } from '../../lib/translate'
import { asksForTotp, destination, externalSignInUrl, type ShownErrors, shownErrors } from './signin-flow'
import { authTexts } from './texts'

type AuthKey = keyof typeof authTexts.ru
type CommonKey = keyof typeof commonTexts.ru
type Provider = Wire.SignInProviderResponse

const t = (key: AuthKey, params?: Record<string, string>) => translate(authTexts, getLanguage(), key, params)
const tc = (key: CommonKey) => translate(commonTexts, getLanguage(), key)

type Child = Node | string | null | undefined | false
type Props = Record<string, string | boolean | undefined | ((event: Event) => void)>

/** A DOM element: string props are attributes (true as an empty one, false/undefined left out), `on…` are listeners. */
function h(tag: string, props: Props = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value)
    else if (value === true) element.setAttribute(name, '')
    else if (typeof value === 'string') element.setAttribute(name, value)
  }
  for (const child of children) if (child) element.append(child)
  return element
}

interface State {
  login: string
  password: string
  totpCode: string
  needTotp: boolean
  pending: boolean
  error: unknown
  menuOpen: boolean
  /** The install's external sign-in providers (VK ID…); null until known. None: nothing about them is shown. */
  providers: Provider[] | null
}

/** A labelled input with its hint and error, linked by aria-describedby (as lib/ui.tsx's Field). */
function field(
  id: string,
  label: string,
  error: string | undefined,
  hint: string | undefined,
  input: Props,
  onInput: (value: string) => void,
) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  const control = h('input', {
    id,
    name: id,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy || undefined,
    ...input,
    oninput: (event) => onInput((event.target as HTMLInputElement).value),
  }) as HTMLInputElement
  control.value = String(input.value ?? '')
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint && h('p', { id: `${id}-hint`, class: 'hint' }, hint),
    error && h('p', { id: `${id}-error`, class: 'field-error' }, error),
  )
}

export function startSignInPage(root: HTMLElement) {
  const state: State = {
    login: '',
    password: '',
    totpCode: '',
    needTotp: false,
    pending: false,
    error: null,
    menuOpen: false,
    providers: null,
  }
  const next = new URLSearchParams(location.search).get('next')

  /** Draws the page again from the state; the focus stays where it was unless `focus` names where it goes. */
  function render(focus?: (errors: ShownErrors) => string | undefined) {
    const focusedId = document.activeElement?.id
    const errors = shownErrors(state.error)
    document.title = `${t('signInTitle')} · ${tc('brand')}`

    const header = h(
      'header',
      { class: 'site-header no-print' },
      h('a', { href: '/', class: 'brand' }, tc('brand')),
      h(
        'button',
        {
          type: 'button',
          id: 'menu-button',
          class: 'menu-button',
          'aria-expanded': String(state.menuOpen),
          'aria-controls': 'site-menu',
          onclick: () => {
            state.menuOpen = !state.menuOpen
            render()
          },
        },
        tc('menu'),
      ),
      h(
        'div',
        { id: 'site-menu', class: 'site-menu', 'data-open': String(state.menuOpen) },
        h(
          'div',
          { class: 'language-switch', role: 'group', 'aria-label': tc('language') },
          ...languages.map((language) =>
            h(
              'button',
              {
                type: 'button',
                id: `language-${language}`,
                lang: language,
                'aria-pressed': String(language === getLanguage()),
                onclick: () => setLanguage(language),
              },
              languageNames[language],
            ),
          ),
        ),
      ),
    )

    const fields = state.needTotp
      ? [
          field(
            'totpCode',
            t('totpCode'),
            errors.totpCode,
            t('totpHint'),
            { inputmode: 'numeric', autocomplete: 'one-time-code', required: true, value: state.totpCode },
            (value) => (state.totpCode = value),
          ),
        ]
      : [
          field(
            'login',
            t('login'),
            errors.login,
            t('loginHint'),
            {
              autocomplete: 'username',
              autocapitalize: 'none',
              spellcheck: 'false',
              required: true,
              value: state.login,
            },
            (value) => (state.login = value),
          ),
          field(
            'password',
            t('password'),
            errors.password,
            undefined,
            { type: 'password', autocomplete: 'current-password', required: true, value: state.password },
            (value) => (state.password = value),
          ),
        ]

    const form = h(
      'form',
      { class: 'form', novalidate: true, onsubmit: submit },
      errors.form.length > 0 &&
        h(
          'div',
          { id: 'form-errors', class: 'alert alert-error', role: 'alert', tabindex: '-1' },
          ...errors.form.map((message) => h('p', {}, message)),
        ),
      ...fields,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', id: 'submit', class: 'primary', disabled: state.pending }, t('submit')),
        state.needTotp &&
          h('button', { type: 'button', id: 'other-account', onclick: useAnotherAccount }, t('otherAccount')),
      ),
    )

    const main = h(
      'main',
      { id: 'main', tabindex: '-1' },
      h(
        'div',
        { class: 'page' },
        h('h1', {}, t('signInTitle')),
        form,
        !state.needTotp && otherWaysIn(state.providers),
        h(
          'ul',
          { class: 'links' },
          h('li', {}, h('a', { href: '/activate' }, t('activateLink'))),
          h('li', {}, h('a', { href: '/apply' }, t('applyLink'))),
        ),
      ),
    )

    root.replaceChildren(h('a', { class: 'skip-link', href: '#main' }, tc('skipToContent')), header, main)
    const target = focus?.(errors) ?? focusedId
    if (target) document.getElementById(target)?.focus()
  }

  /** Under "или" a button per provider, and what to do about a forgotten password (with a linked one, if any). */
  function otherWaysIn(providers: Provider[] | null) {
    if (!providers) return null
    const names = providers.map((p) => p.name).join(` ${t('or')} `)
    return h(
      'div',
      {},
      providers.length > 0 && h('p', { class: 'or-separator' }, t('or')),
      providers.length > 0 &&
        h(
          'div',
          { class: 'external-sign-in' },
          ...providers.map((provider) =>
            h(
              'button',
              {
                type: 'button',
                id: `external-${provider.key}`,
                onclick: () => {
                  keepNextForExternal(next)
                  location.assign(externalSignInUrl(provider.key))
                },
              },
              provider.icon && h('img', { class: 'provider-icon', src: provider.icon, alt: '' }),
              t('signInWith', { name: provider.name }),
            ),
          ),
        ),
      h('p', { class: 'hint forgot' }, providers.length > 0 ? t('forgotLinked', { name: names }) : t('forgot')),
    )
  }

  async function submit(event: Event) {
    event.preventDefault()
    if (state.pending) return
    state.pending = true
    render()
    try {
      await api<void>('/api/v1/auth/sign-in', {
        method: 'POST',
        body: {
          login: state.login.trim(),
          password: state.password,
          totpCode: state.needTotp ? state.totpCode.trim() : undefined,
        },
      })
    } catch (error) {
      state.pending = false
      state.error = error
      const toTotp = !state.needTotp && asksForTotp(error)
      if (asksForTotp(error)) state.needTotp = true
      // The code field when it is the next step; else the first thing that went wrong.
      render((errors) =>
        toTotp
          ? 'totpCode'
          : errors.form.length > 0
            ? 'form-errors'
            : (['totpCode', 'login', 'password'] as const).find((id) => errors[id]),
      )
      return
    }
    let me: Me | null = null
    if (!next) me = await api<Me>('/api/v1/me').catch(() => null)
    // A full load: the app starts with the new session (and its anti-forgery token).
    location.assign(destination(next, me))
  }

  function useAnotherAccount() {
    state.needTotp = false
    state.totpCode = ''
    state.password = ''
    state.error = null
    render(() => 'login')
  }

  subscribeLanguage(() => render())
  render()
  // Not knowing them (no answer) shows the page as with none.
  void api<Wire.PublicSettingsResponse>('/api/v1/settings')
    .then((settings) => settings.signInProviders)
    .catch(() => [])
    .then((providers) => {
      state.providers = providers
      render()
    })
}
