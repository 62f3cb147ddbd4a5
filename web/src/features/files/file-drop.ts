import { type DragEvent, useState } from 'react'
import { addAttachments } from './attachment-drafts'
import { useStorage } from './api'

/**
 * Files dragged over the conversation: `dragging` shows a hint over it, and dropped ones are attached to the message
 * being written. `accepts` is false where nothing may be posted.
 */
export function useFileDrop(schoolId: string, chatId: string, accepts: boolean) {
  const [dragging, setDragging] = useState(false)
  const storage = useStorage(schoolId)
  const draggingFiles = (e: DragEvent) => accepts && e.dataTransfer.types.includes('Files')
  const handlers = {
    onDragEnter: (e: DragEvent) => {
      if (!draggingFiles(e)) return
      e.preventDefault()
      setDragging(true)
    },
    onDragOver: (e: DragEvent) => {
      if (!draggingFiles(e)) return
      e.preventDefault()
      e.dataTransfer.dropEffect = 'copy'
      if (!dragging) setDragging(true)
    },
    onDragLeave: (e: DragEvent) => {
      if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setDragging(false)
    },
    onDrop: (e: DragEvent) => {
      setDragging(false)
      if (!draggingFiles(e)) return
      e.preventDefault()
      addAttachments(schoolId, chatId, [...e.dataTransfer.files], storage.data?.maxUploadBytes)
    },
  }
  return { dragging, handlers }
}
