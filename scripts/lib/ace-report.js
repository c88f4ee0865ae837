// ace-report.js REPORT.json — prints every violation in a DAISY Ace report,
// whatever its impact (minor, moderate, serious, critical), one per line:
//
//   IMPACT RULE FILE: DESCRIPTION [where]
//
// and exits 1 when there is at least one, 0 when there are none, 2 when the
// report cannot be read. Ace's own exit status is 0 even with violations.
"use strict";

const fs = require("fs");

const file = process.argv[2];
let report;
try {
  report = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (e) {
  process.stderr.write(`ace-report.js: ${file}: ${e.message}\n`);
  process.exit(2);
}
if (!Array.isArray(report.assertions)) {
  process.stderr.write(`ace-report.js: ${file}: no assertions: not an Ace report\n`);
  process.exit(2);
}

// Assertions nest: one per document, each holding one per failed test.
// Walk them all and keep those that carry a test with an impact.
const found = [];
function walk(node, subject) {
  if (!node || typeof node !== "object") return;
  const here = (node["earl:testSubject"] && node["earl:testSubject"].url) || subject;
  const test = node["earl:test"];
  const result = node["earl:result"];
  if (test && test["earl:impact"] && result && result["earl:outcome"] === "fail") {
    const where = result["earl:pointer"] && result["earl:pointer"].css;
    found.push(
      `${test["earl:impact"]} ${test["dct:title"]} ${here}: ${result["dct:description"] || test["dct:description"]}` +
        (where && where.length ? ` [${where.join(", ")}]` : "")
    );
  }
  for (const child of node.assertions || []) walk(child, here);
}
for (const a of report.assertions) walk(a, "");

for (const line of found) process.stdout.write(line + "\n");
const outcome = report["earl:result"] && report["earl:result"]["earl:outcome"];
if (found.length === 0 && outcome === "fail") {
  process.stdout.write("Ace's overall outcome is fail, but no violation was found in the report\n");
  process.exit(1);
}
process.exit(found.length ? 1 : 0);
