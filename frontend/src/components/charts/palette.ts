/**
 * Chart colours. Bars and points have at least 3:1 contrast against white (WCAG 1.4.11); the own
 * city is told apart by colour *and* label. Good/bad colours appear only for key figures with a
 * direction; neutral ones use the neutral scale.
 */
export const palette = {
  bar: "#4f6f94",
  own: "#b84a00",
  muted: "#9aa5b1",
  median: "#1b1b1b",
  mean: "#5a5a5a",
  corridor: "rgba(0, 84, 147, 0.13)",
  text: "#1b1b1b",
  better: "#1d7a3a",
  worse: "#b3261e",
  within: "#6b7785",
  /** Neutral key figures: below / within / above without a verdict. */
  neutralBelow: "#2b5c8a",
  neutralAbove: "#7a4f9a",
  outline: "#c9d1da",
  land: "#eef2f6",
} as const;

export type Corridor = "below" | "within" | "above";

/** The colour of a corridor position: good/bad only where the key figure has a direction. */
export function corridorColour(corridor: Corridor, polarity: "higher_better" | "lower_better" | "neutral"): string {
  if (corridor === "within") return palette.within;
  if (polarity === "neutral") return corridor === "below" ? palette.neutralBelow : palette.neutralAbove;
  const good = (corridor === "above") === (polarity === "higher_better");
  return good ? palette.better : palette.worse;
}
