// epubcheck-report.js REPORT.json — reads EPUBCheck's JSON report (--json),
// prints every message as "SEVERITY ID LOCATION: MESSAGE", then the counts,
// and exits 1 when there is any fatal error, error or warning, 2 when the
// report cannot be read, 0 otherwise.
"use strict";

const fs = require("fs");

const file = process.argv[2];
let report;
try {
  report = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (e) {
  process.stderr.write(`epubcheck-report.js: ${file}: ${e.message}\n`);
  process.exit(2);
}
const c = report.checker;
if (!c || !Array.isArray(report.messages)) {
  process.stderr.write(`epubcheck-report.js: ${file}: not an EPUBCheck report\n`);
  process.exit(2);
}
for (const m of report.messages) {
  const locs = (m.locations || []).map((l) => `${l.path}:${l.line}:${l.column}`);
  process.stdout.write(`${m.severity} ${m.ID} ${locs.join(" ") || "-"}: ${m.message}\n`);
}
process.stdout.write(
  `EPUBCheck ${c.checkerVersion}: ${c.nFatal} fatals / ${c.nError} errors / ${c.nWarning} warnings / ${c.nUsage || 0} usages\n`
);
process.exit(c.nFatal + c.nError + c.nWarning > 0 ? 1 : 0);
