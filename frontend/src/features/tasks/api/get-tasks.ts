import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** The start page's answer: the caller's cities or rings and their open tasks (`GET /api/v1/tasks`). */
export type Tasks = Schemas["TasksRead"];
export type Task = Schemas["TaskRead"];
export type TaskKind = Task["kind"];

export function getTasks(signal?: AbortSignal): Promise<Tasks> {
  return unwrap(api.GET("/api/v1/tasks", { signal: signal ?? null }), "GET /tasks");
}

export const tasksQuery = queryOptions({
  queryKey: ["tasks"],
  queryFn: ({ signal }) => getTasks(signal),
  staleTime: 30_000,
});

/** The signed-in user's open tasks; only ask when someone is signed in (`enabled`). */
export function useTasks(enabled = true) {
  return useQuery({ ...tasksQuery, enabled });
}
