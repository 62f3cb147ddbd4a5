import { useState } from 'react'
import { toggled } from './log-rows'
import type { MessageMode } from './MessageMenu'

/**
 * What is open on which message (its menu, edit box or delete question; read receipts; who has confirmed): kept
 * above the virtualized log, so a message scrolled out of the DOM and back keeps it.
 */
export function useRowStates() {
  const [mode, setMode] = useState<{ id: string; mode: MessageMode } | null>(null)
  const [receiptsOpen, setReceiptsOpen] = useState<ReadonlySet<string>>(new Set())
  const [confirmationsOpen, setConfirmationsOpen] = useState<ReadonlySet<string>>(new Set())
  return {
    modeOf: (id: string) => (mode?.id === id ? mode.mode : null),
    setMode: (id: string, next: MessageMode | null) => setMode(next ? { id, mode: next } : null),
    receiptsOpen: (id: string) => receiptsOpen.has(id),
    toggleReceipts: (id: string) => setReceiptsOpen((open) => toggled(open, id)),
    confirmationsOpen: (id: string) => confirmationsOpen.has(id),
    toggleConfirmations: (id: string) => setConfirmationsOpen((open) => toggled(open, id)),
  }
}
