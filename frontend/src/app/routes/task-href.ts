import { cockpitPath, reviewPath } from "@/features/moderation/paths";
import { entryPath } from "@/features/submissions/paths";
import type { Task } from "@/features/tasks/api/get-tasks";

/** Where a task of the start page is done: the entry form, the review of a city-year, the cockpit. */
export function taskHref(task: Task): string {
  if (task.kind === "not_submitted" || task.ags == null || task.year == null) return cockpitPath(task.round_id);
  if (task.kind === "review") return reviewPath(task.round_id, task.ags, task.year);
  return entryPath(task.round_id, task.ags, task.year);
}
