/**
 * Excel in Russia saves CSV in Windows-1251 unless told otherwise; newer files are UTF-8, often with a BOM.
 * Bytes that are not valid UTF-8 are read as Windows-1251, so either kind of file reaches the server as text.
 */
export function decodeCsv(bytes: ArrayBuffer | Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    return new TextDecoder('windows-1251').decode(bytes)
  }
}
