// Removes the `funding` metadata (donation links) that npm copies into package-lock.json.
// Together with `omit-lockfile-registry-resolved=true` in .npmrc this keeps every URL out of
// the lock file. npm does not need the field to install; run after changing dependencies:
//   npm install <pkg>@<version> --save-exact && npm run lockfile:clean
// An optional argument names another lock file (tests/auth/oidc_provider uses this script too).
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const path = process.argv[2]
  ? resolve(process.argv[2])
  : new URL("../package-lock.json", import.meta.url);
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
