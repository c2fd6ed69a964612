// Removes the `funding` metadata (donation links) that npm copies into package-lock.json, as
// frontend/scripts/clean-lockfile.mjs does. With `omit-lockfile-registry-resolved=true` in
// .npmrc this keeps every URL out of the lock file. Run after changing the dependency:
//   npm install oidc-provider@<version> --save-exact && npm run lockfile:clean
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("./package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
let removed = 0;
for (const entry of Object.values(lock.packages ?? {})) {
  if (entry && typeof entry === "object" && "funding" in entry) {
    delete entry.funding;
    removed += 1;
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
const text = readFileSync(path, "utf8");
const leftovers = (text.match(/"resolved"|https?:/g) ?? []).length;
console.log(`package-lock.json: removed ${removed} funding entries, ${leftovers} URLs left`);
if (leftovers > 0) process.exitCode = 1;
