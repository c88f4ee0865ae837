// manifest.js MANIFEST — prints what the checks expect of the files built
// from MANIFEST, read independently of octavo (a second reading of the
// manifest, so that a fault in octavo's own reading shows up as a mismatch):
//
//   output NAME          base name of the files written
//   trim W H             trim size in PostScript points
//   bleed B              bleed in points
//   marks 0|1            whether crop marks are drawn outside the trim
//   title TEXT           one line per section title (front, chapters, back)
//
// Exit 2 when the manifest cannot be read or its print size is not understood.
"use strict";

const fs = require("fs");
const path = require("path");
const yaml = require("js-yaml");

const PT = { pt: 1, in: 72, mm: 72 / 25.4, cm: 72 / 2.54 };

// The trim presets, in points (ISO sizes from their millimetres).
const PRESETS = {
  trade: [6 * 72, 9 * 72],
  digest: [5.5 * 72, 8.5 * 72],
  royal: [6.14 * 72, 9.21 * 72],
  a5: [148 * PT.mm, 210 * PT.mm],
  a4: [210 * PT.mm, 297 * PT.mm],
  letter: [8.5 * 72, 11 * 72],
};

function fail(msg) {
  process.stderr.write(`manifest.js: ${msg}\n`);
  process.exit(2);
}

// length reads "0.125in", "3mm", "10pt", "0"; unit is the default unit.
function length(text, unit) {
  const m = /^\s*([0-9]*\.?[0-9]+)\s*(in|mm|cm|pt)?\s*$/.exec(String(text));
  if (!m) return NaN;
  const u = m[2] || unit;
  if (!u) return Number(m[1]) === 0 ? 0 : NaN;
  return Number(m[1]) * PT[u];
}

function trimSize(text) {
  if (text === undefined || text === null || text === "") return PRESETS.trade;
  const key = String(text).trim().toLowerCase();
  if (PRESETS[key]) return PRESETS[key];
  const m = /^\s*([0-9.]+\s*[a-z]*)\s*[x×]\s*([0-9.]+)\s*([a-z]*)\s*$/i.exec(String(text));
  if (!m) return null;
  const unit = m[3] ? m[3].toLowerCase() : undefined;
  const w = length(m[1].toLowerCase(), unit);
  const h = length(m[2] + (m[3] || ""), unit);
  if (!(w > 0) || !(h > 0)) return null;
  return [w, h];
}

const file = process.argv[2];
if (!file) fail("usage: manifest.js MANIFEST");
let doc;
try {
  doc = yaml.load(fs.readFileSync(file, "utf8"));
} catch (e) {
  fail(`${file}: ${e.message.split("\n")[0]}`);
}
if (!doc || typeof doc !== "object") fail(`${file}: not a mapping`);

const out = [];
const name = doc.output ? String(doc.output) : path.basename(file).replace(/\.[^.]*$/, "");
out.push(`output ${name}`);

const print = doc.print || {};
const trim = trimSize(print.trim);
if (!trim) fail(`${file}: print.trim ${JSON.stringify(print.trim)} not understood; pass --size WxH`);
const bleed = print.bleed === undefined ? 0 : length(print.bleed);
if (Number.isNaN(bleed)) fail(`${file}: print.bleed ${JSON.stringify(print.bleed)} not understood; pass --bleed PT`);
out.push(`trim ${trim[0].toFixed(2)} ${trim[1].toFixed(2)}`);
out.push(`bleed ${bleed.toFixed(2)}`);
out.push(`marks ${print.crop_marks === true ? 1 : 0}`);

for (const part of ["front", "chapters", "back"]) {
  for (const s of doc[part] || []) {
    if (s && s.title) out.push(`title ${String(s.title).replace(/\s+/g, " ").trim()}`);
  }
}
process.stdout.write(out.join("\n") + "\n");
