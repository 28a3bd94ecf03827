#!/usr/bin/env node
// Node ≥ 22.18 runs the TypeScript sources directly (type stripping); say so plainly on older Node.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`onestory needs Node.js 22.18 or newer (this is ${process.version}). Install the current LTS and try again.`);
  process.exit(1);
}
await import('../src-main/transports/cli/entry.ts');
