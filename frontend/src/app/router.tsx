import { useState } from "react";
import { createBrowserRouter, RouterProvider } from "react-router";

import { LOGIN_PATH, SET_PASSWORD_PATH } from "@/features/auth/paths";
import { MainLayout } from "./layouts/main-layout";
import { HomeRoute } from "./routes/home";
import { LoginRoute } from "./routes/login";
import { NotFoundRoute } from "./routes/not-found";
import { SetPasswordRoute } from "./routes/set-password";

/**
 * The routes. Later pages (rounds, submissions, comparison dashboards) join here; their filters
 * (round, indicator, year, peer group) live in the URL so a view can be bookmarked and shared.
 */
function createAppRouter() {
  return createBrowserRouter([
    {
      element: <MainLayout />,
      children: [
        { index: true, element: <HomeRoute /> },
        { path: LOGIN_PATH, element: <LoginRoute /> },
        { path: SET_PASSWORD_PATH, element: <SetPasswordRoute /> },
        { path: "*", element: <NotFoundRoute /> },
      ],
    },
  ]);
}

export function AppRouter() {
  const [router] = useState(createAppRouter);
  return <RouterProvider router={router} />;
}
