import "@kern-ux/native/dist/fonts/fira-sans.css";
import "@kern-ux/native/dist/kern.min.css";
import "./app/app.css";
import "./lib/i18n";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/app";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
