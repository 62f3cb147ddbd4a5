import { type FormEvent, useId, useState } from 'react'
import { Link } from 'react-router-dom'
import type { Message } from '../../lib/api-types'
import { listTime } from '../../lib/format'
import { useT } from '../../lib/i18n'
import { useLanguage } from '../../lib/language'
import { ErrorMessage } from '../../lib/ui'
import { useMessageSearch } from './api'
import { searchSnippet } from './search'
import { messageTexts } from './texts'

/** The search box of the chats screen; `query` is what was submitted (empty: no search). */
export function SearchBox({ query, onSearch }: { query: string; onSearch: (q: string) => void }) {
  const t = useT(messageTexts)
  const id = useId()
  const [text, setText] = useState(query)

  function submit(e: FormEvent) {
    e.preventDefault()
    onSearch(text.trim().slice(0, 200))
  }

  return (
    <form role="search" className="message-search" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {t('searchMessages')}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={t('searchMessages')}
        maxLength={200}
        onChange={(e) => {
          setText(e.target.value)
          if (!e.target.value) onSearch('')
        }}
      />
      <button type="submit" className="small" disabled={!text.trim()}>
        {t('find')}
      </button>
    </form>
  )
}

function Result({
  message,
  chatTitle,
  schoolId,
  query,
}: {
  message: Message
  chatTitle: string
  schoolId: string
  query: string
}) {
  const language = useLanguage()
  const snippet = searchSnippet(message.text, query)
  return (
    <li>
      <Link className="search-result" to={`/school/${schoolId}/chats/${message.chatId}?at=${message.seq}`}>
        <span className="chat-link-top">
          <span className="chat-link-title">{chatTitle}</span>
          <time className="chat-link-time" dateTime={message.createdAt}>
            {listTime(message.createdAt, language)}
          </time>
        </span>
        <span className="search-result-sender">{message.senderName}</span>
        <span className="search-result-snippet">
          {snippet.before}
          {snippet.match ? <mark>{snippet.match}</mark> : null}
          {snippet.after}
        </span>
      </Link>
    </li>
  )
}

/** Messages of my chats matching the query, newest first; each opens its chat at that message. */
export function SearchResults({
  schoolId,
  query,
  titleOf,
  onClose,
}: {
  schoolId: string
  query: string
  /** A chat's title, from the chat list (the chats feature names chats). */
  titleOf: (chatId: string) => string
  onClose: () => void
}) {
  const t = useT(messageTexts)
  const headingId = useId()
  const search = useMessageSearch(schoolId, query)
  return (
    <section className="search-results" aria-labelledby={headingId}>
      <div className="search-results-head">
        <h2 id={headingId}>{t('searchResults')}</h2>
        <button type="button" className="small" onClick={onClose}>
          {t('searchClose')}
        </button>
      </div>
      <p role="status" className="muted small-text">
        {search.isPending
          ? t('searching')
          : search.isSuccess
            ? search.data.length > 0
              ? t('searchFound', { count: search.data.length })
              : t('searchNothing')
            : ''}
      </p>
      {search.isPending ? null : search.isError ? (
        <ErrorMessage error={search.error} />
      ) : (
        <ul className="chat-list">
          {search.data.map((m) => (
            <Result key={m.id} message={m} chatTitle={titleOf(m.chatId)} schoolId={schoolId} query={query} />
          ))}
        </ul>
      )}
    </section>
  )
}
