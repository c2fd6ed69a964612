import { useEffect } from "react";

/** Sets the page title (WCAG 2.4.2); it follows the language because callers pass translated text. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
