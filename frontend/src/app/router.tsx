import { useState } from "react";
import { createBrowserRouter, RouterProvider } from "react-router";

import { Loader } from "@/components/ui/loader";
import { auditPath, invitePath, newUserPath, usersPath } from "@/features/admin/paths";
import { LOGIN_PATH, SET_PASSWORD_PATH } from "@/features/auth/paths";
import { ROUND_BASE } from "@/features/comparison/paths";
import { MODERATION_BASE } from "@/features/moderation/paths";
import { ENTRY_SEGMENT } from "@/features/submissions/paths";
import { MainLayout } from "./layouts/main-layout";

/**
 * The routes. Every page loads lazily (its own chunk), so the first page carries no chart code:
 * ECharts and the map outline arrive only with the dashboards. The dashboard filters (indicator,
 * year, peer group, measure) live in the query string, so a view can be bookmarked and shared.
 */
function createAppRouter() {
  return createBrowserRouter([
    {
      element: <MainLayout />,
      hydrateFallbackElement: <Loader />,
      children: [
        { index: true, lazy: async () => ({ Component: (await import("./routes/home")).HomeRoute }) },
        { path: LOGIN_PATH, lazy: async () => ({ Component: (await import("./routes/login")).LoginRoute }) },
        { path: SET_PASSWORD_PATH, lazy: async () => ({ Component: (await import("./routes/set-password")).SetPasswordRoute }) },
        {
          path: `${ROUND_BASE}/:roundId`,
          lazy: async () => ({ Component: (await import("./routes/dashboard/layout")).DashboardLayout }),
          children: [
            { index: true, lazy: async () => ({ Component: (await import("./routes/dashboard/indicator")).IndicatorRoute }) },
            { path: "kennzahl", lazy: async () => ({ Component: (await import("./routes/dashboard/indicator")).IndicatorRoute }) },
            { path: "verteilung", lazy: async () => ({ Component: (await import("./routes/dashboard/distribution")).DistributionRoute }) },
            { path: "streuung", lazy: async () => ({ Component: (await import("./routes/dashboard/scatter")).ScatterRoute }) },
            { path: "veraenderung", lazy: async () => ({ Component: (await import("./routes/dashboard/change")).ChangeRoute }) },
            { path: "profil", lazy: async () => ({ Component: (await import("./routes/dashboard/profile")).ProfileRoute }) },
            { path: "karte", lazy: async () => ({ Component: (await import("./routes/dashboard/map")).MapRoute }) },
            { path: "vergleichsgruppen", lazy: async () => ({ Component: (await import("./routes/dashboard/peer-groups")).PeerGroupsRoute }) },
          ],
        },
        {
          path: `${ROUND_BASE}/:roundId/${ENTRY_SEGMENT}/:ags/:year`,
          lazy: async () => ({ Component: (await import("./routes/entry/form")).EntryFormRoute }),
        },
        { path: `${ROUND_BASE}/:roundId/${ENTRY_SEGMENT}/:ags/excel`, lazy: async () => ({ Component: (await import("./routes/entry/excel")).ExcelFormRoute }) },
        { path: usersPath(), lazy: async () => ({ Component: (await import("./routes/admin/users")).UsersRoute }) },
        { path: newUserPath(), lazy: async () => ({ Component: (await import("./routes/admin/new-user")).NewUserRoute }) },
        { path: `${usersPath()}/:userId`, lazy: async () => ({ Component: (await import("./routes/admin/user")).UserRoute }) },
        { path: invitePath(), lazy: async () => ({ Component: (await import("./routes/admin/invite")).InviteRoute }) },
        { path: auditPath(), lazy: async () => ({ Component: (await import("./routes/admin/audit")).AuditRoute }) },
        {
          path: MODERATION_BASE,
          lazy: async () => ({ Component: (await import("./routes/moderation/layout")).ModerationLayout }),
          children: [
            { index: true, lazy: async () => ({ Component: (await import("./routes/moderation/rounds")).RoundsRoute }) },
            { path: "runden/neu", lazy: async () => ({ Component: (await import("./routes/moderation/new-round")).NewRoundRoute }) },
            { path: "runden/:roundId", lazy: async () => ({ Component: (await import("./routes/moderation/round-settings")).RoundSettingsRoute }) },
            { path: "runden/:roundId/cockpit", lazy: async () => ({ Component: (await import("./routes/moderation/cockpit")).CockpitRoute }) },
            { path: "runden/:roundId/pruefung/:ags/:year", lazy: async () => ({ Component: (await import("./routes/moderation/review")).ReviewRoute }) },
          ],
        },
        { path: "*", lazy: async () => ({ Component: (await import("./routes/not-found")).NotFoundRoute }) },
      ],
    },
  ]);
}

export function AppRouter() {
  const [router] = useState(createAppRouter);
  return <RouterProvider router={router} />;
}
