import type { Reaction } from '../../lib/api-types'

/** The server's palette (MessageActionsApi.Palette), in the order the picker shows it. */
export const reactionPalette = ['👍', '❤️', '😂', '😮', '😢', '🙏', '👏', '🔥', '✅', '🎉'] as const

export interface ReactionChip {
  emoji: string
  count: number
  /** I am one of those who reacted so. */
  mine: boolean
}

/** One chip per emoji: palette order first, anything else after in order of appearance. */
export function groupReactions(reactions: readonly Reaction[], myId: string): ReactionChip[] {
  const chips = new Map<string, ReactionChip>()
  for (const r of reactions) {
    const chip = chips.get(r.emoji) ?? { emoji: r.emoji, count: 0, mine: false }
    chip.count += 1
    if (r.accountId === myId) chip.mine = true
    chips.set(r.emoji, chip)
  }
  const rank = (emoji: string) => {
    const i = (reactionPalette as readonly string[]).indexOf(emoji)
    return i < 0 ? reactionPalette.length : i
  }
  return [...chips.values()].sort((a, b) => rank(a.emoji) - rank(b.emoji))
}

export function hasReacted(reactions: readonly Reaction[], emoji: string, myId: string): boolean {
  return reactions.some((r) => r.emoji === emoji && r.accountId === myId)
}

/** My reaction added or taken away, for showing the change before the server answers. */
export function withReaction(reactions: readonly Reaction[], emoji: string, myId: string, on: boolean): Reaction[] {
  const rest = reactions.filter((r) => !(r.emoji === emoji && r.accountId === myId))
  return on ? [...rest, { emoji, accountId: myId }] : rest
}
