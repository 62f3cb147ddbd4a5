import { describe, expect, it } from 'vitest'
import { ApiError, fieldError, formMessages, parseProblem, problemKind } from './problem'

describe('parseProblem', () => {
  it('reads a validation problem with field errors', () => {
    const problem = parseProblem(
      400,
      {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: { inn: ['ИНН указан неверно: проверьте цифры.'], adminEmail: ['Адрес почты указан неверно.'] },
      },
      'fallback',
    )
    expect(problem.status).toBe(400)
    expect(problem.errors.inn).toEqual(['ИНН указан неверно: проверьте цифры.'])
    expect(problem.errors.adminEmail).toHaveLength(1)
  })

  it('keeps extension members such as totpRequired and rowErrors apart', () => {
    const problem = parseProblem(
      401,
      {
        type: 'https://sfera.local/problems/totp-required',
        title: 'Введите код',
        status: 401,
        totpRequired: true,
      },
      'fallback',
    )
    expect(problem.extensions).toEqual({ totpRequired: true })
    expect(problemKind(problem)).toBe('totp-required')
  })

  it('falls back to the given title for a body that is not a problem', () => {
    expect(parseProblem(502, '<html>Bad gateway</html>', 'Что-то пошло не так').title).toBe('Что-то пошло не так')
    expect(parseProblem(500, undefined, 'fallback')).toMatchObject({ status: 500, title: 'fallback', errors: {} })
    expect(parseProblem(400, { title: '   ' }, 'fallback').title).toBe('fallback')
  })

  it('ignores malformed errors instead of failing', () => {
    const problem = parseProblem(400, { title: 'x', errors: { a: 'single', b: [1, 'ok'], c: null } }, 'f')
    expect(problem.errors).toEqual({ a: ['single'], b: ['ok'] })
  })
})

describe('field and form messages', () => {
  const error = new ApiError(
    parseProblem(
      400,
      {
        title: 'One or more validation errors occurred.',
        errors: { login: ['Логин занят.'], phone: ['Телефон указан неверно.'], file: ['Файл пустой.'] },
      },
      'f',
    ),
  )

  it('joins the messages of the fields one input stands for', () => {
    expect(fieldError(error, 'login')).toBe('Логин занят.')
    expect(fieldError(error, 'login', 'phone')).toBe('Логин занят. Телефон указан неверно.')
    expect(fieldError(error, 'password')).toBeUndefined()
    expect(fieldError(new Error('boom'), 'login')).toBeUndefined()
  })

  it('shows above the form only what no input shows', () => {
    expect(formMessages(error, ['login', 'phone'])).toEqual(['Файл пустой.'])
    expect(formMessages(null, [])).toEqual([])
  })

  it('shows the title when there are no field errors', () => {
    const notFound = new ApiError(
      parseProblem(404, { title: 'Ссылка-приглашение недействительна или устарела.', status: 404 }, 'f'),
    )
    expect(formMessages(notFound, ['login'])).toEqual(['Ссылка-приглашение недействительна или устарела.'])
  })
})
