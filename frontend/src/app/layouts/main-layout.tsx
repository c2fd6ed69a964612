import { Outlet } from "react-router";

import { SiteFooter } from "../../components/layout/site-footer";
import { SiteHeader } from "../../components/layout/site-header";
import { MAIN_CONTENT_ID, SkipLink } from "../../components/layout/skip-link";
import { SystemStatus } from "../../features/system/components/system-status";

export function MainLayout() {
  return (
    <>
      <SkipLink />
      <SiteHeader />
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
