import type { ReactNode } from 'react'
import { type Inline, parseMessage } from './format-message'

function render(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.text
      case 'code':
        return <code key={i}>{node.text}</code>
      case 'link':
        return <a key={i} href={node.href} target="_blank" rel="noopener noreferrer nofollow">{node.text}</a>
      case 'bold':
        return <strong key={i}>{render(node.children)}</strong>
      case 'italic':
        return <em key={i}>{render(node.children)}</em>
    }
  })
}

/** A message's text with its light formatting, built as React elements (text is never parsed as HTML). */
export function MessageText({ text }: { text: string }) {
  return <>{render(parseMessage(text))}</>
}
