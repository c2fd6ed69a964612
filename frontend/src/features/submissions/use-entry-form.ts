import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { ApiError, errorText } from "@/api/errors";
import { getSubmission, patchValues, submitSubmission, type Submission, type SubmissionValue } from "./api/get-submission";
import {
  canAutosave,
  edit,
  initialState,
  keepYours,
  pendingChanges,
  refreshed,
  saveConflicted,
  saveFailed,
  saveRejected,
  saveState,
  saveSucceeded,
  staleValues,
  startSave,
  takeTheirs,
  type Draft,
  type EntryState,
} from "./entry-state";

/** How long the form waits after the last keystroke before it saves (a blur saves at once). */
export const AUTOSAVE_DELAY_MS = 800;

export interface SubmitOutcome {
  ok: boolean;
  message: string | null;
}

/**
 * The entry form of one city-year: drafts on top of the server's state, autosaved, with conflict
 * handling (see `entry-state.ts`). The state lives in a ref as well, so that a save started from
 * a timer or a blur sees the latest edits.
 */
export function useEntryForm(roundId: number, ags: string, year: number, initial: Submission) {
  const { t } = useTranslation("submissions");
  const queryClient = useQueryClient();
  const [state, setState] = useState<EntryState>(() => initialState(initial));
  const ref = useRef(state);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const update = useCallback((change: (current: EntryState) => EntryState) => {
    ref.current = change(ref.current);
    setState(ref.current);
  }, []);

  const remember = useCallback(
    (submission: Submission) => {
      queryClient.setQueryData(["submissions", roundId, ags, year], submission);
    },
    [queryClient, roundId, ags, year],
  );

  const save = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const current = ref.current;
    if (!canAutosave(current)) return pendingChanges(current).changes.length === 0 && current.inFlight === null;
    const { changes, sent } = pendingChanges(current);
    update((s) => startSave(s, sent));
    try {
      const fresh = await patchValues(roundId, ags, year, current.submission.version, changes);
      update((s) => saveSucceeded(s, fresh, new Date()));
      remember(fresh);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.code === "conflict") {
        const theirs = staleValues(error.body?.errors ?? []);
        try {
          const fresh = await getSubmission(roundId, ags, year);
          update((s) => saveConflicted(s, theirs, fresh));
          remember(fresh);
        } catch (reload) {
          update((s) => saveFailed(s, errorText(reload, t("entry.save.failed"))));
        }
      } else if (error instanceof ApiError && error.status === 422) {
        update((s) => saveRejected(s, error.body?.errors ?? [], errorText(error, t("entry.save.failed"))));
      } else {
        update((s) => saveFailed(s, errorText(error, t("entry.save.failed"))));
      }
      return false;
    }
  }, [roundId, ags, year, update, remember, t]);

  // Autosave: a short pause after the last edit, and again after a save while edits wait.
  useEffect(() => {
    if (!canAutosave(state)) return undefined;
    timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [state, save]);

  // Leaving the page with unsaved edits asks first.
  const status = saveState(state);
  useEffect(() => {
    if (status === "saved") return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
    };
  }, [status]);

  const change = useCallback(
    (value: SubmissionValue, patch: Partial<Draft>) => {
      update((s) => ({ ...edit(s, value, patch), failure: null }));
    },
    [update],
  );

  const reload = useCallback(async () => {
    try {
      const fresh = await getSubmission(roundId, ags, year);
      update((s) => refreshed(s, fresh));
      remember(fresh);
    } catch (error) {
      update((s) => saveFailed(s, errorText(error, t("entry.save.failed"))));
    }
  }, [roundId, ags, year, update, remember, t]);

  const submit = useCallback(async (): Promise<SubmitOutcome> => {
    setSubmitting(true);
    try {
      const saved = await save();
      if (!saved || Object.keys(ref.current.drafts).length > 0) {
        return { ok: false, message: t("entry.submit.unsaved") };
      }
      const fresh = await submitSubmission(roundId, ags, year, ref.current.submission.version);
      update((s) => refreshed(s, fresh));
      remember(fresh);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["tasks"] }),
        queryClient.invalidateQueries({ queryKey: ["moderation"] }),
      ]);
      return { ok: true, message: null };
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) await reload();
      return { ok: false, message: errorText(error, t("entry.submit.failed")) };
    } finally {
      setSubmitting(false);
    }
  }, [save, reload, roundId, ags, year, update, remember, queryClient, t]);

  return {
    state,
    status,
    submitting,
    change,
    save,
    submit,
    reload,
    retry: () => {
      update((s) => ({ ...s, failure: null }));
    },
    takeTheirs: () => {
      update(takeTheirs);
    },
    keepYours: () => {
      update(keepYours);
    },
  };
}
