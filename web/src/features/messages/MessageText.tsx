import { Fragment, type ReactNode } from 'react'
import { type Inline, parseMessage } from './format-message'
import { splitMentions } from './mentions'

/** The mentions a message carries, to highlight: the mentioned members' names (and whether it is me) and @all. */
export interface MentionMarks {
  names: readonly { name: string; me: boolean }[]
  all: boolean
}

function renderText(text: string, key: number, marks?: MentionMarks): ReactNode {
  if (!marks || (marks.names.length === 0 && !marks.all)) return text
  const segments = splitMentions(text, marks.names, marks.all)
  if (segments.length === 1 && !segments[0].mention) return text
  return (
    <Fragment key={key}>
      {segments.map((s, i) =>
        s.mention ? (
          <span key={i} className={s.mention === 'me' ? 'mention mention-me' : 'mention'}>
            {s.text}
          </span>
        ) : (
          s.text
        ),
      )}
    </Fragment>
  )
}

function render(nodes: Inline[], marks?: MentionMarks): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return renderText(node.text, i, marks)
      case 'code':
        return <code key={i}>{node.text}</code>
      case 'link':
        return (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer nofollow">
            {node.text}
          </a>
        )
      case 'bold':
        return <strong key={i}>{render(node.children, marks)}</strong>
      case 'italic':
        return <em key={i}>{render(node.children, marks)}</em>
    }
  })
}

/** A message's text with its light formatting, built as React elements (text is never parsed as HTML). */
export function MessageText({ text, mentions }: { text: string; mentions?: MentionMarks }) {
  return <>{render(parseMessage(text), mentions)}</>
}
