import { useRef, useState } from 'react'

/**
 * One dialog at a time over a screen. A dialog leaves the page by unmounting, which does not give the focus back:
 * closing puts it back where it was when the dialog opened (a message's menu button, say).
 */
export function useDialog<D>() {
  const [dialog, setDialog] = useState<D | null>(null)
  const returnFocus = useRef<HTMLElement | null>(null)

  function open(next: D) {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
    setDialog(next)
  }

  function close() {
    setDialog(null)
    const back = returnFocus.current
    requestAnimationFrame(() => back?.isConnected && back.focus())
  }

  return { dialog, open, close }
}
