import { type FormEvent, useId, useState } from 'react'
import { useT } from '../../lib/i18n'
import { fieldError } from '../../lib/problem'
import { ErrorMessage, Field, FormErrors, SelectField } from '../../lib/ui'
import type { Access } from './AdminConsole'
import {
  type Person,
  type SchoolClass,
  useAddSubjectTeacher,
  useCreateClass,
  usePeople,
  useRemoveSubjectTeacher,
  useUpdateClass,
} from './api'
import { currentSchoolYear, schoolYearLabel } from './school-year'
import { adminTexts } from './texts'

function TeacherOptions({ teachers }: { teachers: Person[] }) {
  return (
    <>
      {teachers.map((p) => (
        <option key={p.accountId} value={p.accountId}>
          {p.displayName}
        </option>
      ))}
    </>
  )
}

function CreateClass({ schoolId, teachers }: { schoolId: string; teachers: Person[] }) {
  const t = useT(adminTexts)
  const headingId = useId()
  const create = useCreateClass(schoolId)
  const thisYear = currentSchoolYear()
  const [name, setName] = useState('')
  const [year, setYear] = useState(thisYear)
  const [teacher, setTeacher] = useState('')

  function submit(event: FormEvent) {
    event.preventDefault()
    create.mutate(
      { name: name.trim(), schoolYear: year, classTeacherAccountId: teacher || null },
      {
        onSuccess: () => {
          setName('')
          setTeacher('')
        },
      },
    )
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('createClassTitle')}</h3>
      <form className="form form-inline" onSubmit={submit} noValidate>
        <FormErrors error={create.error} fields={['name', 'schoolYear', 'classTeacherAccountId']} />
        {create.isSuccess ? (
          <p role="status" className="alert alert-success">
            {t('classCreated', { name: create.data.name })}
          </p>
        ) : null}
        <Field
          label={t('className')}
          hint={t('classNameHint')}
          name="name"
          required
          maxLength={20}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(create.error, 'name')}
        />
        <SelectField
          label={t('schoolYear')}
          value={year}
          onChange={(e) => setYear(Number(e.target.value))}
          error={fieldError(create.error, 'schoolYear')}
        >
          {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
            <option key={y} value={y}>
              {schoolYearLabel(y)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('classTeacher')}
          value={teacher}
          onChange={(e) => setTeacher(e.target.value)}
          error={fieldError(create.error, 'classTeacherAccountId')}
        >
          <option value="">{t('noTeacher')}</option>
          <TeacherOptions teachers={teachers} />
        </SelectField>
        <div className="actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('createClass')}
          </button>
        </div>
      </form>
    </section>
  )
}

function ClassTeacherForm({
  schoolId,
  schoolClass,
  teachers,
}: {
  schoolId: string
  schoolClass: SchoolClass
  teachers: Person[]
}) {
  const t = useT(adminTexts)
  const update = useUpdateClass(schoolId)
  const current = schoolClass.classTeacher
  const [teacher, setTeacher] = useState(current?.accountId ?? '')

  const [saved, setSaved] = useState<string | null>(null)

  function submit(event: FormEvent) {
    event.preventDefault()
    setSaved(null)
    const name = teachers.find((p) => p.accountId === teacher)?.displayName ?? current?.displayName ?? ''
    update.mutate(
      {
        id: schoolClass.id,
        name: schoolClass.name,
        schoolYear: schoolClass.schoolYear,
        classTeacherAccountId: teacher || null,
      },
      {
        onSuccess: () =>
          setSaved(
            teacher
              ? t('classTeacherSaved', { name, className: schoolClass.name })
              : t('classTeacherCleared', { className: schoolClass.name }),
          ),
      },
    )
  }

  return (
    <form className="form form-inline" onSubmit={submit} noValidate>
      <FormErrors error={update.error} fields={['classTeacherAccountId']} />
      <SelectField
        label={t('classTeacher')}
        value={teacher}
        onChange={(e) => setTeacher(e.target.value)}
        error={fieldError(update.error, 'classTeacherAccountId')}
      >
        <option value="">{t('noTeacher')}</option>
        {current && !teachers.some((p) => p.accountId === current.accountId) ? (
          <option value={current.accountId}>{current.displayName}</option>
        ) : null}
        <TeacherOptions teachers={teachers} />
      </SelectField>
      <div className="actions">
        <button type="submit" disabled={update.isPending}>
          {t('saveClassTeacher')}
        </button>
      </div>
      <p role="status" className="hint">
        {saved ?? ''}
      </p>
    </form>
  )
}

function SubjectTeachers({
  schoolId,
  schoolClass,
  teachers,
}: {
  schoolId: string
  schoolClass: SchoolClass
  teachers: Person[]
}) {
  const t = useT(adminTexts)
  const add = useAddSubjectTeacher(schoolId)
  const remove = useRemoveSubjectTeacher(schoolId)
  const [teacher, setTeacher] = useState('')
  const [subject, setSubject] = useState('')
  const [missing, setMissing] = useState(false)

  function submit(event: FormEvent) {
    event.preventDefault()
    setMissing(!teacher)
    if (!teacher) return
    add.mutate(
      { classId: schoolClass.id, accountId: teacher, subject: subject.trim() },
      {
        onSuccess: () => {
          setSubject('')
        },
      },
    )
  }

  return (
    <>
      <h4>{t('subjectTeachers')}</h4>
      {schoolClass.subjectTeachers.length === 0 ? (
        <p className="muted">{t('noSubjectTeachers')}</p>
      ) : (
        <ul className="plain">
          {schoolClass.subjectTeachers.map((s) => (
            <li key={s.id} className="row">
              <span>
                {s.subject}: {s.displayName}
              </span>
              <button
                type="button"
                className="small"
                disabled={remove.isPending}
                aria-label={t('removeSubjectTeacherLabel', { name: s.displayName, subject: s.subject })}
                onClick={() => remove.mutate({ classId: schoolClass.id, id: s.id })}
              >
                {t('removeSubjectTeacher')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={remove.error} />
      <form className="form form-inline" onSubmit={submit} noValidate>
        <FormErrors error={add.error} fields={['accountId', 'subject']} />
        <SelectField
          label={t('subjectTeacher')}
          value={teacher}
          onChange={(e) => setTeacher(e.target.value)}
          error={missing ? t('pickOne') : fieldError(add.error, 'accountId')}
        >
          <option value="">{t('chooseTeacher')}</option>
          <TeacherOptions teachers={teachers} />
        </SelectField>
        <Field
          label={t('subject')}
          name="subject"
          maxLength={100}
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          error={fieldError(add.error, 'subject')}
        />
        <div className="actions">
          <button type="submit" disabled={add.isPending}>
            {t('addSubjectTeacher')}
          </button>
        </div>
      </form>
    </>
  )
}

function ClassCard({
  schoolId,
  schoolClass,
  teachers,
}: {
  schoolId: string
  schoolClass: SchoolClass
  teachers: Person[]
}) {
  const t = useT(adminTexts)
  const headingId = useId()
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t('classHeading', { name: schoolClass.name, year: schoolYearLabel(schoolClass.schoolYear) })}
      </h3>
      <p className="muted">{t('studentCount', { count: schoolClass.studentCount })}</p>
      <ClassTeacherForm schoolId={schoolId} schoolClass={schoolClass} teachers={teachers} />
      <SubjectTeachers schoolId={schoolId} schoolClass={schoolClass} teachers={teachers} />
    </article>
  )
}

export function ClassesSection({ access, classes }: { access: Access; classes: SchoolClass[] }) {
  const t = useT(adminTexts)
  const people = usePeople(access.schoolId)
  const teachers = (people.data ?? []).filter((p) => p.role === 'Teacher' && p.status === 'Confirmed')

  return (
    <section aria-labelledby="classes-heading">
      <h2 id="classes-heading">{t('classesTitle')}</h2>
      <ErrorMessage error={people.error} />
      {people.isSuccess && teachers.length === 0 ? <p className="muted">{t('noTeachersYet')}</p> : null}
      <CreateClass schoolId={access.schoolId} teachers={teachers} />
      {classes.length === 0 ? (
        <p>{t('noClasses')}</p>
      ) : (
        <div className="cards">
          {classes.map((c) => (
            <ClassCard key={c.id} schoolId={access.schoolId} schoolClass={c} teachers={teachers} />
          ))}
        </div>
      )}
    </section>
  )
}
