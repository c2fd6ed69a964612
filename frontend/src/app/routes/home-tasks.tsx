import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { Loader } from "@/components/ui/loader";
import { QueryError } from "@/components/ui/query-error";
import { auditPath, invitePath, newUserPath, usersPath } from "@/features/admin/paths";
import { useMe } from "@/features/auth/api/get-me";
import type { Task } from "@/features/tasks/api/get-tasks";
import { useTasks } from "@/features/tasks/api/get-tasks";
import { TaskList } from "@/features/tasks/components/task-list";

/** The signed-in part of the start page: whose work this is (city or ring) and the open tasks. */
export function MyWork({ hrefFor }: { hrefFor: (task: Task) => string }) {
  const { t } = useTranslation("admin");
  const { data: me } = useMe();
  const tasks = useTasks(Boolean(me));
  const isAdmin = me?.memberships.some((m) => m.role === "admin") ?? false;
  return (
    <>
      {tasks.data && (tasks.data.cities.length > 0 || tasks.data.rings.length > 0) && (
        <section aria-labelledby="my-scope" className="page-section">
          <h2 id="my-scope" className="kern-heading-medium">
            {tasks.data.cities.length > 0 ? t("home.cityTitle") : t("home.ringTitle")}
          </h2>
          <ul className="kern-list">
            {tasks.data.cities.map((city) => (
              <li key={city.ags}>
                <span className="kern-body--bold">{city.name}</span> ({t("home.ags", { ags: city.ags })}) –{" "}
                {t(`roles.${city.role}`)}
              </li>
            ))}
            {tasks.data.rings.map((ring) => (
              <li key={ring.id}>
                <span className="kern-body--bold">{ring.name}</span> – {t("roles.moderator")}
              </li>
            ))}
          </ul>
        </section>
      )}
      {isAdmin && (
        <section aria-labelledby="admin-links" className="page-section">
          <h2 id="admin-links" className="kern-heading-medium">
            {t("home.adminTitle")}
          </h2>
          <ul className="entry-links">
            <li>
              <Link className="kern-link" to={usersPath()}>
                <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
                {t("users.title")}
              </Link>
            </li>
            <li>
              <Link className="kern-link" to={invitePath()}>
                <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
                {t("invite.title")}
              </Link>
            </li>
            <li>
              <Link className="kern-link" to={newUserPath()}>
                <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
                {t("create.title")}
              </Link>
            </li>
            <li>
              <Link className="kern-link" to={auditPath()}>
                <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
                {t("audit.title")}
              </Link>
            </li>
          </ul>
        </section>
      )}
      {!isAdmin && (
        <section aria-labelledby="my-tasks" className="page-section">
          <h2 id="my-tasks" className="kern-heading-medium">
            {t("tasks.title")}
          </h2>
          {tasks.isPending && <Loader />}
          {tasks.isError && <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />}
          {tasks.data && <TaskList data={tasks.data} hrefFor={hrefFor} />}
        </section>
      )}
    </>
  );
}
