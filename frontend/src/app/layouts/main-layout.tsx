import { Outlet } from "react-router";

import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { MAIN_CONTENT_ID, SkipLink } from "@/components/layout/skip-link";
import { AccountNav } from "@/features/auth/components/account-nav";
import { SystemStatus } from "@/features/system/components/system-status";
import { AppNav } from "./app-nav";
import { useFocusOnNavigation } from "./use-focus-on-navigation";

export function MainLayout() {
  useFocusOnNavigation(MAIN_CONTENT_ID);
  return (
    <>
      <SkipLink />
      <SiteHeader nav={<AppNav />}>
        <AccountNav />
      </SiteHeader>
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="site-main">
        <div className="kern-container">
          <Outlet />
        </div>
      </main>
      <SiteFooter>
        <SystemStatus />
      </SiteFooter>
    </>
  );
}
