import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";

import { MainNav } from "@/components/layout/main-nav";
import { useMe } from "@/features/auth/api/get-me";
import { useRounds } from "@/features/rounds/api/get-rounds";
import { navTargets } from "./nav-items";

/** The header navigation of the signed-in user, by role, with the current page marked. */
export function AppNav() {
  const { t } = useTranslation("admin");
  const { data: me } = useMe();
  const { data: rounds = [] } = useRounds(Boolean(me));
  const { pathname } = useLocation();
  const items = navTargets(me, rounds, pathname).map((target) => ({ ...target, label: t(`nav.${target.key}`) }));
  return <MainNav label={t("nav.label")} items={items} />;
}
