import "@testing-library/jest-dom/vitest";

import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach } from "vitest";

import { changeLanguage, defaultLanguage } from "@/lib/i18n";

beforeEach(async () => {
  window.localStorage.clear();
  await changeLanguage(defaultLanguage);
});

afterEach(() => {
  cleanup();
});
