import type { RoundStatus } from "./api/get-round";

/** The round states in lifecycle order. */
export const ROUND_STATES: RoundStatus[] = ["preparation", "collection", "review", "evaluation", "published", "closed"];

export type TransitionKind =
  | "open"
  | "startReview"
  | "backToPreparation"
  | "backToCollection"
  | "startEvaluation"
  | "publish"
  | "backToReview"
  | "revise"
  | "close";

export interface TransitionAction {
  to: RoundStatus;
  kind: TransitionKind;
  /** Forward steps are primary buttons, steps back secondary ones. */
  forward: boolean;
}

/** What a step from `from` to `to` means for the moderator (one name per arrow of the lifecycle). */
export function transitionKind(from: RoundStatus, to: RoundStatus): TransitionKind {
  if (to === "collection") return from === "preparation" ? "open" : "backToCollection";
  if (to === "preparation") return "backToPreparation";
  if (to === "review") {
    if (from === "collection") return "startReview";
    return from === "published" || from === "closed" ? "revise" : "backToReview";
  }
  if (to === "evaluation") return "startEvaluation";
  if (to === "published") return "publish";
  return "close";
}

/** The buttons of the lifecycle: exactly the API's allowed next states, forward steps first. */
export function transitionActions(from: RoundStatus, allowed: readonly RoundStatus[]): TransitionAction[] {
  const rank = (status: RoundStatus) => ROUND_STATES.indexOf(status);
  return allowed
    .map((to) => {
      const kind = transitionKind(from, to);
      return { to, kind, forward: rank(to) > rank(from) && kind !== "revise" };
    })
    .sort((a, b) => Number(b.forward) - Number(a.forward) || rank(a.to) - rank(b.to));
}

/** Which settings the API still accepts in a state (data years and catalogue only before data arrives). */
export function editableSettings(status: RoundStatus) {
  const frozen = status === "published" || status === "closed";
  return {
    structure: status === "preparation" || status === "collection",
    deadline: !frozen,
    displayRule: !frozen,
    participants: !frozen,
  };
}
