import { useLayoutEffect, useRef } from "react";
import { useLocation } from "react-router";

/**
 * After moving to another page inside the app, put the focus on the new page's heading (or the
 * main region), so keyboard and screen reader users start there, as after a full page load. The
 * first load and changes of the query string alone (filters) leave the focus alone; a page that
 * focuses something itself (an error message) keeps that. A layout effect: the focus moves in the
 * same commit as the new page's DOM, before the browser paints it and before anything else can run.
 */
export function useFocusOnNavigation(mainId: string): void {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useLayoutEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const main = document.getElementById(mainId);
    if (!main || main.contains(document.activeElement)) return;
    const heading = main.querySelector<HTMLElement>("h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    } else {
      main.focus();
    }
  }, [pathname, mainId]);
}
