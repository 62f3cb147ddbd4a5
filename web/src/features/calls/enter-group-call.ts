import { GroupSession, type GroupStart } from './group-session'
import { stopTracks } from './media'
import { currentCall, setCurrentCall } from './store'

// The one way into a group call (loaded with the session when the device check is done): one call per tab at a time.

/** Starts a group call in the chat, or joins one (`callId`), from this tab with the device check's media. */
export function enterGroupCall(start: GroupStart) {
  const existing = currentCall()
  if (existing && !existing.finished) {
    stopTracks(start.stream)
    return
  }
  existing?.dispose()
  const session = new GroupSession(start)
  setCurrentCall(session)
  void session.begin()
}
