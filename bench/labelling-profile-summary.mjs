#!/usr/bin/env node
// Summarises a V8 .cpuprofile: self time per function and per package, to see where the server spends its CPU.
//   node bench/labelling-profile-summary.mjs /tmp/prof/CPU.*.cpuprofile
import { readFileSync } from 'node:fs';

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const deltas = profile.timeDeltas;
profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (deltas[index] ?? 0)));
const total = [...self.values()].reduce((sum, value) => sum + value, 0);
const byFunction = new Map();
const byPackage = new Map();
for (const [id, micros] of self) {
  const { callFrame } = byId.get(id);
  const where = callFrame.url.replace(/^file:\/\//, '');
  const name = `${callFrame.functionName || '(anonymous)'} ${where.split('/').slice(-2).join('/')}:${callFrame.lineNumber + 1}`;
  const pkg =
    /node_modules\/((@[^/]+\/)?[^/]+)/.exec(where)?.[1] ??
    (where.includes('/dist/')
      ? 'clinrank'
      : where.startsWith('node:')
        ? 'node-core'
        : callFrame.functionName || '(native)');
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
}
const top = (map, n) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${key}`)
    .join('\n');
console.log(
  `total sampled ${(total / 1e6).toFixed(2)} s\n\nby package:\n${top(byPackage, 15)}\n\nby function:\n${top(byFunction, 25)}`,
);
