import { describe, expect, it } from "vitest";

import type { Task } from "./api/get-tasks";
import { formatDate, groupTasks, isOverdue } from "./group-tasks";

function task(fields: Partial<Task> & Pick<Task, "kind">): Task {
  return {
    round_id: 1,
    round_name: "Vergleichsrunde 2020/2021",
    deadline: "2022-09-30",
    ags: "05315000",
    municipality_name: "Köln",
    year: 2021,
    reason: null,
    returned_values: [],
    errors_open: 0,
    warnings_open: 0,
    warnings_explained: 0,
    submitted_at: null,
    count: null,
    ...fields,
  };
}

describe("groupTasks", () => {
  it("orders the groups returned, review, draft, not submitted and leaves out empty ones", () => {
    const groups = groupTasks([
      task({ kind: "draft" }),
      task({ kind: "not_submitted", ags: null, year: null, count: 3 }),
      task({ kind: "returned" }),
    ]);
    expect(groups.map((g) => g.kind)).toEqual(["returned", "draft", "not_submitted"]);
  });

  it("sorts by deadline, then the longest waiting review, then round, city and year, without touching the input", () => {
    const input = [
      task({ kind: "review", ags: "05515000", submitted_at: "2022-10-02T10:00:00Z" }),
      task({ kind: "review", ags: "08221000", submitted_at: "2022-10-01T10:00:00Z" }),
      task({ kind: "review", ags: "03159016", year: 2020, deadline: "2022-08-01", submitted_at: "2022-10-05T10:00:00Z" }),
      task({ kind: "review", ags: "03159016", year: 2019, deadline: null }),
    ];
    const copy = structuredClone(input);
    const [review] = groupTasks(input);
    expect(review?.tasks.map((t) => `${t.ags ?? ""}/${t.year ?? ""}`)).toEqual([
      "03159016/2020",
      "08221000/2021",
      "05515000/2021",
      "03159016/2019",
    ]);
    expect(input).toEqual(copy);
  });

  it("gives nothing for no tasks", () => {
    expect(groupTasks([])).toEqual([]);
  });
});

describe("deadlines", () => {
  it("counts the deadline day itself as still open", () => {
    expect(isOverdue("2022-09-30", new Date(2022, 8, 30, 18, 0))).toBe(false);
    expect(isOverdue("2022-09-30", new Date(2022, 9, 1, 8, 0))).toBe(true);
    expect(isOverdue(null)).toBe(false);
  });

  it("writes dates in German and English form", () => {
    expect(formatDate("2022-09-30", "de-DE")).toBe("30.09.2022");
    expect(formatDate("2022-09-30", "en-GB")).toBe("30/09/2022");
    expect(formatDate(null, "de-DE")).toBe("–");
  });
});
