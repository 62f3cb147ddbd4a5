import { type ReactNode, useId, useState } from 'react'
import { useT } from '../../lib/i18n'
import {
  ChatIcon,
  HandIcon,
  HangUpIcon,
  LayoutIcon,
  MicIcon,
  MicOffIcon,
  PeopleIcon,
  ScreenShareIcon,
  SettingsIcon,
  SwitchCameraIcon,
  VideoIcon,
} from '../../lib/icons'
import { DeviceSelect } from './DeviceSelect'
import type { GroupView, Layout } from './group-session'
import { participantOf, waitingPeople } from './group-status'
import type { Sending } from './sending'
import { groupCallTexts } from './texts'

function ControlButton({
  label,
  pressed,
  expanded,
  controls,
  className,
  onClick,
  children,
}: {
  label: string
  pressed?: boolean
  expanded?: boolean
  controls?: string
  className?: string
  onClick: () => void
  children: ReactNode
}) {
  return (
    <button
      type="button"
      className={className ? `call-button ${className}` : 'call-button'}
      aria-pressed={pressed}
      aria-expanded={expanded}
      aria-controls={controls}
      title={label}
      onClick={onClick}
    >
      {children}
      <span className="visually-hidden">{label}</span>
    </button>
  )
}

/** What the controls act on: a member's GroupSession, or a guest's GuestSession (no hand, no chat). */
export interface ControlledCall {
  readonly sending: Sending
  toggleMic: () => void | Promise<void>
  toggleCamera: () => void
  toggleHand?: () => void
  setLayout: (layout: Layout) => void
  leave: () => void
}

const canShareScreen = () => typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getDisplayMedia)

/**
 * The group call's controls: microphone, camera, devices, screen, hand, the participants, the layout, the chat
 * (the call goes on behind it) and leaving. In the waiting room only the microphone, the camera and leaving. A guest
 * has no hand, no participants panel and no chat.
 */
export function GroupControls({
  session,
  view,
  myId,
  peopleOpen,
  peopleId,
  onPeople,
  onChat,
}: {
  session: ControlledCall
  view: GroupView
  myId: string
  peopleOpen?: boolean
  peopleId?: string
  onPeople?: () => void
  onChat?: () => void
}) {
  const t = useT(groupCallTexts)
  const devicesId = useId()
  const [devicesOpen, setDevicesOpen] = useState(false)
  const inCall = view.phase === 'connecting' || view.phase === 'active'
  const me = view.call ? participantOf(view.call, myId) : undefined
  const waiting = view.host && view.call ? waitingPeople(view.call).length : 0
  return (
    <>
      {devicesOpen ? (
        <div id={devicesId} className="call-devices">
          <DeviceSelect
            label={t('microphone')}
            devices={view.devices.audio}
            value={view.micId}
            onChange={(id) => void session.sending.local.useDevice('audio', id)}
          />
          {view.hasCamera ? (
            <DeviceSelect
              label={t('camera')}
              devices={view.devices.video}
              value={view.cameraId}
              onChange={(id) => void session.sending.local.useDevice('video', id)}
            />
          ) : null}
        </div>
      ) : null}
      <div className="call-controls group-call-controls" role="group" aria-label={t('controls')}>
        {view.local?.getAudioTracks().length ? (
          <ControlButton label={t('mute')} pressed={!view.micOn} onClick={() => void session.toggleMic()}>
            {view.micOn ? <MicIcon /> : <MicOffIcon />}
          </ControlButton>
        ) : null}
        {view.hasCamera ? (
          <ControlButton label={t('cameraOff')} pressed={!view.cameraOn} onClick={session.toggleCamera}>
            <VideoIcon off={!view.cameraOn} />
          </ControlButton>
        ) : null}
        {view.hasCamera && view.devices.video.length > 1 ? (
          <ControlButton label={t('switchCamera')} onClick={session.sending.local.switchCamera}>
            <SwitchCameraIcon />
          </ControlButton>
        ) : null}
        {view.devices.audio.length > 0 ? (
          <ControlButton
            label={t('devices')}
            expanded={devicesOpen}
            controls={devicesOpen ? devicesId : undefined}
            onClick={() => setDevicesOpen((open) => !open)}
          >
            <SettingsIcon />
          </ControlButton>
        ) : null}
        {inCall && canShareScreen() ? (
          <ControlButton
            label={t('shareScreen')}
            pressed={view.sharing}
            onClick={() => void session.sending.toggleScreen()}
          >
            <ScreenShareIcon />
          </ControlButton>
        ) : null}
        {inCall && session.toggleHand ? (
          <ControlButton label={t('raiseHand')} pressed={me?.handRaisedAt != null} onClick={session.toggleHand}>
            <HandIcon />
          </ControlButton>
        ) : null}
        {inCall && onPeople ? (
          <ControlButton
            label={t('people')}
            expanded={peopleOpen}
            controls={peopleOpen ? peopleId : undefined}
            onClick={onPeople}
          >
            <PeopleIcon />
            {waiting > 0 ? (
              <span className="call-count" aria-hidden="true">
                {waiting}
              </span>
            ) : null}
          </ControlButton>
        ) : null}
        {inCall ? (
          <ControlButton
            label={t('speakerView')}
            pressed={view.layout === 'speaker'}
            onClick={() => session.setLayout(view.layout === 'speaker' ? 'grid' : 'speaker')}
          >
            <LayoutIcon />
          </ControlButton>
        ) : null}
        {onChat ? (
          <ControlButton label={t('chat')} onClick={onChat}>
            <ChatIcon />
          </ControlButton>
        ) : null}
        <ControlButton label={t('leave')} className="call-hang-up" onClick={session.leave}>
          <HangUpIcon />
        </ControlButton>
      </div>
    </>
  )
}
