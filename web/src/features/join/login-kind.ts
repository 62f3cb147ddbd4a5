export interface LoginParts {
  login?: string
  phone?: string
  email?: string
}

/** One "login, phone or e-mail" box becomes the one identifier the server expects. */
export function splitLogin(value: string): LoginParts {
  const text = value.trim()
  if (!text) return {}
  if (text.includes('@')) return { email: text }
  const digits = text.replace(/\D/g, '')
  if (/^[+\d\s()-]+$/.test(text) && digits.length >= 10) return { phone: text }
  return { login: text.toLowerCase() }
}
