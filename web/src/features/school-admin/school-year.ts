/** The school year starts on 1 September: in March 2027 it is still 2026 (2026/27). */
export function currentSchoolYear(now: Date = new Date()): number {
  return now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1
}

export function schoolYearLabel(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`
}
