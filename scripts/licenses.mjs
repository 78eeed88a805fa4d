// Prints the copyright file shipped in the packages: assets/packaging/copyright, then one
// paragraph listing every Rust crate compiled into the two binaries (normal dependencies
// of cesp-commission and cesp-cli on Linux) and every npm package bundled into the
// interface, each with its license. Usage: node scripts/licenses.mjs > copyright
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const root = new URL("..", import.meta.url).pathname;
const head = readFileSync(`${root}assets/packaging/copyright`, "utf8").trimEnd();

const meta = JSON.parse(
  execFileSync("cargo", ["metadata", "--format-version", "1", "--locked", "--filter-platform", "x86_64-unknown-linux-gnu"], {
    cwd: root,
    maxBuffer: 256 * 1024 * 1024,
  }).toString(),
);
const packages = new Map(meta.packages.map((p) => [p.id, p]));
const nodes = new Map(meta.resolve.nodes.map((n) => [n.id, n]));
const shipped = new Set();
const todo = meta.packages.filter((p) => p.name === "cesp-commission" || p.name === "cesp-cli").map((p) => p.id);
while (todo.length > 0) {
  const id = todo.pop();
  if (shipped.has(id)) continue;
  shipped.add(id);
  for (const dep of nodes.get(id)?.deps ?? []) {
    // Normal dependencies only: build scripts and tests are not shipped.
    if (dep.dep_kinds.some((k) => k.kind === null)) todo.push(dep.pkg);
  }
}
const crates = [...shipped]
  .map((id) => packages.get(id))
  .filter((p) => p.source !== null) // the project's own crates are the "Files: *" paragraph
  .map((p) => `${p.name} ${p.version}: ${p.license ?? (p.license_file ? `see ${p.name}'s ${p.license_file}` : "unknown")}`)
  .sort();

// The interface bundles its runtime dependencies and Svelte's runtime.
const lock = JSON.parse(readFileSync(`${root}ui/package-lock.json`, "utf8")).packages;
const bundled = new Set(Object.keys(lock[""].dependencies ?? {}));
bundled.add("svelte");
for (const name of Object.keys(lock["node_modules/svelte"]?.dependencies ?? {})) bundled.add(name);
const npm = [...bundled]
  .map((name) => [name, lock[`node_modules/${name}`]])
  .filter(([, p]) => p)
  .map(([name, p]) => `${name} ${p.version}: ${p.license ?? "unknown"}`)
  .sort();

const unknown = [...crates, ...npm].filter((l) => l.endsWith(": unknown"));
if (unknown.length > 0) {
  console.error(`Licence inconnue pour : ${unknown.join(", ")}`);
  process.exit(1);
}
const lines = (list) => list.map((l) => ` ${l}`).join("\n");
process.stdout.write(`${head}

Files: rust-crates/*
Copyright: the authors of each crate listed below
License: various
 Each crate's own license, as its authors declare it (SPDX expression; for "A OR B" the
 app uses the crate under either).
Comment: The Rust crates compiled into cesp-commission and cesp (${crates.length}):
${lines(crates)}

Files: ui/*
Copyright: the authors of each package listed below
License: various
 Each package's own license, as its authors declare it.
Comment: The npm packages bundled into the app's interface (${npm.length}):
${lines(npm)}
`);
