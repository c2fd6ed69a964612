import "./tasks.css";

import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { useFormatters } from "@/lib/use-formatters";
import type { Task, Tasks } from "../api/get-tasks";
import { formatDate, groupTasks, isOverdue } from "../group-tasks";

export interface TaskListProps {
  data: Tasks;
  /** Where a task is done (entry page, review, cockpit); the app knows the other features' pages. */
  hrefFor: (task: Task) => string;
  /** The day deadlines are compared with (tests pass a fixed one). */
  today?: Date | undefined;
}

function TaskDetails({ task, today }: { task: Task; today?: Date | undefined }) {
  const { t } = useTranslation("admin");
  const { locale } = useFormatters();
  const deadline = formatDate(task.deadline, locale);
  const lines: string[] = [];
  if (task.errors_open > 0) lines.push(t("tasks.errorsOpen", { count: task.errors_open }));
  if (task.warnings_open > 0) lines.push(t("tasks.warningsOpen", { count: task.warnings_open }));
  if (task.kind === "review" && task.warnings_explained > 0)
    lines.push(t("tasks.warningsExplained", { count: task.warnings_explained }));
  return (
    <>
      <p className="kern-body kern-body--small">
        {task.round_name}
        {task.deadline && task.kind !== "review" && (
          <>
            {" · "}
            {isOverdue(task.deadline, today) ? t("tasks.deadlinePassed", { date: deadline }) : t("tasks.deadline", { date: deadline })}
          </>
        )}
        {task.kind === "review" && task.submitted_at && (
          <>
            {" · "}
            {t("tasks.submittedAt", { date: formatDate(task.submitted_at.slice(0, 10), locale) })}
          </>
        )}
      </p>
      {task.reason && (
        <p className="kern-body">
          <span className="kern-body--bold">{t("tasks.reason")}:</span> {task.reason}
        </p>
      )}
      {task.returned_values.length > 0 && (
        <ul className="kern-list task-list__values" aria-label={t("tasks.returnedValues")}>
          {task.returned_values.map((value) => (
            <li key={value.base_figure}>
              <code>{value.base_figure}</code>
              {value.reason ? `: ${value.reason}` : ""}
            </li>
          ))}
        </ul>
      )}
      {lines.length > 0 && <p className="kern-body kern-body--small">{lines.join(" · ")}</p>}
    </>
  );
}

/** The open tasks grouped by kind (returned, to review, drafts, not yet submitted), each a link to where it is done. */
export function TaskList({ data, hrefFor, today }: TaskListProps) {
  const { t } = useTranslation("admin");
  const groups = groupTasks(data.tasks);
  if (groups.length === 0) {
    return (
      <div className="kern-alert kern-alert--success task-list__empty">
        <div className="kern-alert__header">
          <span className="kern-icon kern-icon--success" aria-hidden="true" />
          <span className="kern-title">{t("tasks.emptyTitle")}</span>
        </div>
        <div className="kern-alert__body">
          <p className="kern-body">{t("tasks.empty")}</p>
        </div>
      </div>
    );
  }
  return (
    <div className="task-list">
      {groups.map((group) => (
        <section key={group.kind} aria-labelledby={`tasks-${group.kind}`} className="task-list__group">
          <h3 id={`tasks-${group.kind}`} className="kern-heading-small">
            {t(`tasks.group.${group.kind}`, { count: group.tasks.length })}
          </h3>
          <ul className="task-list__items">
            {group.tasks.map((task) => (
              <li key={`${task.kind}-${task.round_id}-${task.ags ?? ""}-${task.year ?? ""}`} className="task-list__item">
                <Link className="kern-link task-list__link" to={hrefFor(task)}>
                  <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
                  {task.kind === "not_submitted"
                    ? t("tasks.link.not_submitted", { count: task.count ?? 0 })
                    : t(`tasks.link.${task.kind}`, { city: task.municipality_name ?? task.ags, year: task.year })}
                </Link>
                <TaskDetails task={task} today={today} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      {data.total > data.tasks.length && (
        <p className="kern-body kern-body--small">{t("tasks.more", { shown: data.tasks.length, total: data.total })}</p>
      )}
    </div>
  );
}
