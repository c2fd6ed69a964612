import "./main-nav.css";

import { Link } from "react-router";

export interface NavItem {
  /** Stable key, e.g. `start`. */
  key: string;
  label: string;
  to: string;
  /** This item's page (or one below it) is open: marked with `aria-current="page"`. */
  current: boolean;
}

/** The main navigation in the header; the app decides which items a role gets and which is current. */
export function MainNav({ label, items }: { label: string; items: NavItem[] }) {
  if (items.length === 0) return null;
  return (
    <nav className="main-nav" aria-label={label}>
      <ul className="main-nav__list">
        {items.map((item) => (
          <li key={item.key}>
            <Link
              to={item.to}
              className={item.current ? "main-nav__link main-nav__link--current" : "main-nav__link"}
              aria-current={item.current ? "page" : undefined}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
