import { type FormEvent, useState } from 'react'
import { useT } from '../../lib/i18n'
import { fieldError } from '../../lib/problem'
import { Dialog, Field, FormErrors } from '../../lib/ui'
import { useCreateGroup, useStartPersonal } from './api'
import { ContactsState, PeoplePicker, RolesText, useContactSearch } from './PeoplePicker'
import { chatTexts } from './texts'

/** "Написать": pick one of one's contacts and open the personal chat with them (existing or new). */
export function NewChatDialog({
  schoolId,
  onClose,
  onOpened,
}: {
  schoolId: string
  onClose: () => void
  onOpened: (chatId: string) => void
}) {
  const t = useT(chatTexts)
  const search = useContactSearch(schoolId)
  const start = useStartPersonal(schoolId)
  return (
    <Dialog title={t('writeTitle')} onClose={onClose}>
      <Field
        label={t('search')}
        type="search"
        autoFocus
        value={search.search}
        onChange={(e) => search.setSearch(e.target.value)}
      />
      <ContactsState search={search} />
      <ul className="people-list">
        {search.shown.map((c) => (
          <li key={c.accountId}>
            <button
              type="button"
              className="person-button"
              disabled={start.isPending}
              onClick={() => start.mutate(c.accountId, { onSuccess: (detail) => onOpened(detail.chat.id) })}
            >
              <span>{c.displayName}</span> <RolesText contact={c} />
            </button>
          </li>
        ))}
      </ul>
      <FormErrors error={start.error} />
    </Dialog>
  )
}

/** Staff only: a named group of chosen contacts. The server refuses a group that would leave a minor unsupervised. */
export function NewGroupDialog({
  schoolId,
  onClose,
  onOpened,
}: {
  schoolId: string
  onClose: () => void
  onOpened: (chatId: string) => void
}) {
  const t = useT(chatTexts)
  const [title, setTitle] = useState('')
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const create = useCreateGroup(schoolId)

  function submit(e: FormEvent) {
    e.preventDefault()
    create.mutate(
      { title: title.trim(), accountIds: [...selected] },
      { onSuccess: (detail) => onOpened(detail.chat.id) },
    )
  }

  return (
    <Dialog title={t('newGroup')} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <Field
          label={t('groupTitle')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          maxLength={200}
          autoFocus
          error={fieldError(create.error, 'title')}
        />
        <PeoplePicker schoolId={schoolId} legend={t('groupMembers')} selected={selected} onChange={setSelected} />
        <FormErrors error={create.error} fields={['title']} />
        <div className="actions">
          <button type="submit" className="primary" disabled={!title.trim() || selected.size === 0 || create.isPending}>
            {t('createGroup')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
