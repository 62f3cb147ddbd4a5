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
