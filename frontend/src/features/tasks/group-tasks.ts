import type { Task, TaskKind } from "./api/get-tasks";

/** The order of the sections on the start page: what came back first, then what waits for review. */
export const TASK_KINDS: readonly TaskKind[] = ["returned", "review", "draft", "not_submitted"];

export interface TaskGroup {
  kind: TaskKind;
  tasks: Task[];
}

/** A deadline as a comparable number (no deadline: last). */
function deadlineValue(task: Task): number {
  return task.deadline ? Date.parse(`${task.deadline}T00:00:00Z`) : Number.POSITIVE_INFINITY;
}

function submittedValue(task: Task): number {
  return task.submitted_at ? Date.parse(task.submitted_at) : Number.POSITIVE_INFINITY;
}

/**
 * Compares two tasks of one kind: the earlier deadline first; among reviews the longest waiting
 * first; then round, city (AGS) and year, so the order is stable.
 */
export function compareTasks(a: Task, b: Task): number {
  return (
    deadlineValue(a) - deadlineValue(b) ||
    submittedValue(a) - submittedValue(b) ||
    a.round_id - b.round_id ||
    (a.ags ?? "").localeCompare(b.ags ?? "") ||
    (a.year ?? 0) - (b.year ?? 0)
  );
}

/** The tasks grouped by kind in `TASK_KINDS` order, each group sorted; empty groups are left out. Never mutates the input. */
export function groupTasks(tasks: readonly Task[]): TaskGroup[] {
  return TASK_KINDS.map((kind) => ({
    kind,
    tasks: tasks.filter((task) => task.kind === kind).sort(compareTasks),
  })).filter((group) => group.tasks.length > 0);
}

/** Whether a deadline (`YYYY-MM-DD`) has passed on `today` (the deadline day itself still counts). */
export function isOverdue(deadline: string | null | undefined, today: Date = new Date()): boolean {
  if (!deadline) return false;
  const end = Date.parse(`${deadline}T23:59:59`);
  return Number.isFinite(end) && end < today.getTime();
}

/** A date (`YYYY-MM-DD`) in the language's form: `30.09.2022` in German. */
export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return "–";
  const [year, month, day] = value.split("-").map(Number);
  if (!year || !month || !day) return value;
  return new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}
