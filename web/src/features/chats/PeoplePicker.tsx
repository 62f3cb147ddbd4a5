import { useId, useState } from 'react'
import { roleKey } from '../../lib/api-types'
import { useT } from '../../lib/i18n'
import { commonTexts } from '../../lib/texts'
import { ErrorMessage, Field, Loading } from '../../lib/ui'
import { type Contact, useContacts } from './api'
import { chatTexts } from './texts'

const shownMax = 100

function fold(text: string) {
  return text.toLocaleLowerCase('ru').replaceAll('ё', 'е')
}

/** Contacts matching a search, the first hundred of them. */
export function useContactSearch(schoolId: string, exclude?: ReadonlySet<string>) {
  const contacts = useContacts(schoolId, true)
  const [search, setSearch] = useState('')
  const needle = fold(search.trim())
  const matching = (contacts.data ?? []).filter(
    (c) => !exclude?.has(c.accountId) && fold(c.displayName).includes(needle),
  )
  return { contacts, search, setSearch, matching, shown: matching.slice(0, shownMax) }
}

export function RolesText({ contact }: { contact: Contact }) {
  const common = useT(commonTexts)
  return <span className="muted small-text">{contact.roles.map((r) => common(roleKey(r))).join(', ')}</span>
}

export function ContactsState({ search }: { search: ReturnType<typeof useContactSearch> }) {
  const t = useT(chatTexts)
  if (search.contacts.isPending) return <Loading />
  if (search.contacts.isError) return <ErrorMessage error={search.contacts.error} />
  if (search.matching.length === 0) return <p className="muted">{t('noContacts')}</p>
  if (search.matching.length > search.shown.length)
    return <p className="hint">{t('tooManyContacts', { shown: search.shown.length, total: search.matching.length })}</p>
  return null
}

/** Checkboxes for choosing people among one's contacts, with a search box. */
export function PeoplePicker({
  schoolId,
  legend,
  selected,
  onChange,
  exclude,
}: {
  schoolId: string
  legend: string
  selected: ReadonlySet<string>
  onChange: (next: Set<string>) => void
  exclude?: ReadonlySet<string>
}) {
  const t = useT(chatTexts)
  const id = useId()
  const search = useContactSearch(schoolId, exclude)

  function toggle(accountId: string, on: boolean) {
    const next = new Set(selected)
    if (on) next.add(accountId)
    else next.delete(accountId)
    onChange(next)
  }

  return (
    <fieldset className="people-picker">
      <legend>{legend}</legend>
      <Field
        label={t('search')}
        type="search"
        value={search.search}
        onChange={(e) => search.setSearch(e.target.value)}
      />
      <ContactsState search={search} />
      <ul className="people-list">
        {search.shown.map((c) => (
          <li key={c.accountId}>
            <input
              id={`${id}-${c.accountId}`}
              type="checkbox"
              checked={selected.has(c.accountId)}
              onChange={(e) => toggle(c.accountId, e.target.checked)}
            />
            <label htmlFor={`${id}-${c.accountId}`}>{c.displayName}</label> <RolesText contact={c} />
          </li>
        ))}
      </ul>
      <p className="hint" role="status">
        {t('selected', { count: selected.size })}
      </p>
    </fieldset>
  )
}
