// Small line icons drawn in the text colour. Inline SVG rather than emoji: a school laptop without an emoji font
// would show empty boxes. Decorative only: the buttons carry their names.

const common = {
  width: 20,
  height: 20,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  'aria-hidden': true,
  focusable: false,
}

export function PaperclipIcon() {
  return (
    <svg {...common}>
      <path d="M21 11.5 12.5 20a5.5 5.5 0 0 1-7.8-7.8l8.5-8.5a3.7 3.7 0 0 1 5.2 5.2l-8.5 8.5a1.8 1.8 0 0 1-2.6-2.6L15 7" />
    </svg>
  )
}

export function MicIcon() {
  return (
    <svg {...common}>
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
    </svg>
  )
}

export function PollIcon() {
  return (
    <svg {...common} width={16} height={16}>
      <path d="M5 20V10M12 20V4M19 20v-7" />
    </svg>
  )
}

export function SendIcon() {
  return (
    <svg {...common}>
      <path d="M4 12 20 4l-4 16-4-7-8-1Z" />
    </svg>
  )
}

export function LockIcon({ size = 20 }: { size?: number }) {
  return (
    <svg {...common} width={size} height={size}>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  )
}

// Message states, drawn small beside the time.

export function ClockIcon() {
  return (
    <svg {...common} width={14} height={14}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </svg>
  )
}

export function TickIcon() {
  return (
    <svg {...common} width={16} height={14} viewBox="0 0 26 24">
      <path d="m3 13 5 5L20 6" />
    </svg>
  )
}

export function DoubleTickIcon() {
  return (
    <svg {...common} width={16} height={14} viewBox="0 0 26 24">
      <path d="m1 13 5 5L18 6M12 17l1 1L25 6" />
    </svg>
  )
}

export function AlertIcon() {
  return (
    <svg {...common} width={14} height={14}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v6M12 16.5v.5" />
    </svg>
  )
}

export function ReplyIcon() {
  return (
    <svg {...common}>
      <path d="M9 14 4 9l5-5" />
      <path d="M4 9h10a6 6 0 0 1 6 6v4" />
    </svg>
  )
}

// Calls: the conversation head's buttons, the call notes in the history, and the call screen's controls.

const handset =
  'M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2Z'

export function PhoneIcon({ size = 20 }: { size?: number }) {
  return (
    <svg {...common} width={size} height={size}>
      <path d={handset} />
    </svg>
  )
}

export function HangUpIcon() {
  return (
    <svg {...common} width={24} height={24}>
      <path d={handset} transform="rotate(135 12 12)" />
    </svg>
  )
}

export function VideoIcon({ size = 20, off = false }: { size?: number; off?: boolean }) {
  return (
    <svg {...common} width={size} height={size}>
      <rect x="2" y="6" width="14" height="12" rx="2" />
      <path d="m16 10 6-3v10l-6-3" />
      {off ? <path d="M2 2l20 20" /> : null}
    </svg>
  )
}

export function MicOffIcon() {
  return (
    <svg {...common}>
      <path d="M9 9v2a3 3 0 0 0 5.1 2.1M15 9.3V6a3 3 0 0 0-5.7-1.3" />
      <path d="M5 11a7 7 0 0 0 11.9 5M19 11a7 7 0 0 1-.3 2M12 18v3M2 2l20 20" />
    </svg>
  )
}

export function SwitchCameraIcon() {
  return (
    <svg {...common}>
      <path d="M4 7h3l2-3h6l2 3h3a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1Z" />
      <path d="M9 13a3 3 0 0 1 5.5-1.6M15 13a3 3 0 0 1-5.5 1.6M14.5 9v2.5H12M9.5 17v-2.5H12" />
    </svg>
  )
}

export function SettingsIcon() {
  return (
    <svg {...common}>
      <path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0" />
      <circle cx="16" cy="6" r="2" />
      <circle cx="10" cy="12" r="2" />
      <circle cx="18" cy="18" r="2" />
    </svg>
  )
}

// Group calls: raising a hand, sharing the screen, the participants, the layout, back to the chat.

export function HandIcon({ size = 20 }: { size?: number }) {
  return (
    <svg {...common} width={size} height={size}>
      <path d="M18 11V6a2 2 0 0 0-4 0v5M14 10V4a2 2 0 0 0-4 0v6M10 10.5V6a2 2 0 0 0-4 0v8" />
      <path d="M18 8a2 2 0 1 1 4 0v6a8 8 0 0 1-8 8h-2c-2.8 0-4.5-.9-6-2.4l-3.6-3.6a2 2 0 0 1 2.8-2.8L7 15" />
    </svg>
  )
}

export function ScreenShareIcon() {
  return (
    <svg {...common}>
      <rect x="2" y="3" width="20" height="14" rx="2" />
      <path d="M8 21h8M12 17v4M9 10l3-3 3 3M12 7v6" />
    </svg>
  )
}

export function PeopleIcon() {
  return (
    <svg {...common}>
      <circle cx="9" cy="7" r="4" />
      <path d="M2 21v-2a4 4 0 0 1 4-4h6a4 4 0 0 1 4 4v2M16 3.1a4 4 0 0 1 0 7.8M22 21v-2a4 4 0 0 0-3-3.9" />
    </svg>
  )
}

export function LayoutIcon() {
  return (
    <svg {...common}>
      <rect x="3" y="3" width="18" height="12" rx="1" />
      <rect x="3" y="17" width="5" height="4" rx="1" />
      <rect x="9.5" y="17" width="5" height="4" rx="1" />
      <rect x="16" y="17" width="5" height="4" rx="1" />
    </svg>
  )
}

export function ChatIcon() {
  return (
    <svg {...common}>
      <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2Z" />
    </svg>
  )
}

// Notifications: a chat's (and the settings page's) on and off.

export function BellIcon({ size = 20 }: { size?: number }) {
  return (
    <svg {...common} width={size} height={size}>
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.9 1.9 0 0 0 3.4 0" />
    </svg>
  )
}

export function BellOffIcon({ size = 20 }: { size?: number }) {
  return (
    <svg {...common} width={size} height={size}>
      <path d="M8.7 3A6 6 0 0 1 18 8c0 2.8.5 4.8 1.1 6.2M17 17H3s3-2 3-9c0-.6.1-1.2.3-1.8M10.3 21a1.9 1.9 0 0 0 3.4 0M3 3l18 18" />
    </svg>
  )
}
