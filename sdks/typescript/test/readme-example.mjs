// Writes the README's TypeScript example to test/readme.generated.ts so `npm run typecheck`
// compiles it against the SDK: the documented example cannot drift from the API.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(join(here, "..", "README.md"), "utf8");
const block = readme.match(/```ts\n([\s\S]*?)```/);
if (!block) throw new Error("README.md has no ```ts block");
const code = block[1].replaceAll('from "@fansly-gateway/sdk"', 'from "../src/index.js"');
writeFileSync(join(here, "readme.generated.ts"), `// generated from README.md by test/readme-example.mjs\n${code}export {};\n`);
