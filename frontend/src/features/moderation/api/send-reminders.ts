import { useMutation } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

export type ReminderResult = Schemas["ReminderRead"];

/** `POST …/reminders`: mails the coordinators of cities with a draft or returned submission. */
export function sendReminders(roundId: number, body: Schemas["ReminderBody"]): Promise<ReminderResult> {
  return unwrap(
    api.POST("/api/v1/rounds/{round_id}/reminders", { params: { path: { round_id: roundId } }, body }),
    "POST reminders",
  );
}

export function useSendReminders(roundId: number) {
  return useMutation({ mutationFn: (body: Schemas["ReminderBody"]) => sendReminders(roundId, body) });
}
