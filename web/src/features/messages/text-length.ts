/** Characters as the server counts them (code points): an emoji is one, where `.length` says two. */
export function characterCount(text: string): number {
  return [...text].length
}
