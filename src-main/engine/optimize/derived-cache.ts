// Derived copies of a component, made once and kept in the library's derived folder: keyed by the source file (its
// graph's hash, its folder's file sizes and times), what was done to it, the converter's version and onnxruntime's,
// so a second load reuses the copy and any change to one of them makes a new one. The original is never written.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { convertToFloat16, type Float16Report } from './fp16.ts';
import { fuseAttention } from './fuse-attention.ts';
import { readModel, writeDerivedModel } from './model-file.ts';

/** Bumped whenever a pass changes what it writes, so older copies are not reused. */
const DERIVE_VERSION = 2; // 2: the manifest names its source, which the sweep reads
const MANIFEST = 'derived.json';

export const ORT_VERSION: string = (createRequire(import.meta.url)('onnxruntime-node/package.json') as { version: string }).version;

export interface DeriveRequest {
  /** the component's original model.onnx */
  source: string;
  component: string;
  float16: boolean;
  fuseAttention: boolean;
}

export interface DerivedCopy {
  /** the original it was made from: a copy whose model has left the library is swept */
  source: string;
  /** the derived model.onnx; null when the passes changed nothing (the original is used) */
  path: string | null;
  float16: Float16Report | null;
  fusedAttention: number;
  bytes: number;
  /** false when this call made it */
  reused: boolean;
}

/** The source's identity: its graph file's hash and every file beside it (external weights) by size and time. */
function fingerprint(source: string): string {
  const hash = createHash('sha256').update(readFileSync(source));
  for (const name of readdirSync(dirname(source)).sort()) {
    const s = statSync(join(dirname(source), name));
    hash.update(`\0${name}\0${s.size}\0${s.mtimeMs}`);
  }
  return hash.digest('hex');
}

/** `<component>-<key>`: what derivedFolder names; anything else in the root (the attention decisions) is not a copy. */
const COPY_FOLDER = /^[a-z0-9_]+-[0-9a-f]{24}$/;

/**
 * Removes the derived copies under `root` whose source `keep` turns down (its model left the library), and those whose
 * manifest is missing or names no source (older versions, never reused). Returns the folders removed.
 */
export function sweepDerivedCopies(root: string, keep: (source: string) => boolean): string[] {
  if (!existsSync(root)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    if (!COPY_FOLDER.test(name)) continue; // in-progress `.partial-` folders are their makers' to clean up
    const folder = join(root, name);
    let source: unknown;
    try {
      source = (JSON.parse(readFileSync(join(folder, MANIFEST), 'utf8')) as Partial<DerivedCopy>).source;
    } catch {
      source = undefined;
    }
    if (typeof source === 'string' && keep(source)) continue;
    rmSync(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}

export function derivedFolder(root: string, request: DeriveRequest): string {
  const key = createHash('sha256')
    .update(JSON.stringify([DERIVE_VERSION, ORT_VERSION, request.float16, request.fuseAttention, fingerprint(request.source)]))
    .digest('hex');
  return join(root, `${request.component}-${key.slice(0, 24)}`);
}

/** The derived copy for `request` under `root`, made now unless an earlier load made it. */
export async function derivedCopy(root: string, request: DeriveRequest): Promise<DerivedCopy> {
  const folder = derivedFolder(root, request);
  const manifest = join(folder, MANIFEST);
  if (existsSync(manifest)) {
    const made = JSON.parse(readFileSync(manifest, 'utf8')) as DerivedCopy;
    return { ...made, path: made.path && join(folder, 'model.onnx'), reused: true };
  }
  const model = await readModel(request.source);
  const sourceDir = dirname(request.source);
  const sourceTypes = new Map(model.graph.initializer.map((t) => [t.name, t.dataType]));
  const fusedAttention = request.fuseAttention ? fuseAttention(model, sourceDir) : 0;
  const float16 = request.float16 ? convertToFloat16(model, sourceDir) : null;
  const unchanged = fusedAttention === 0 && !float16?.halfTensors;
  // Made in a temporary folder and renamed into place: a load that stops halfway leaves no copy that looks finished.
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const temporary = `${folder}.partial-${process.pid}-${Date.now()}`;
  mkdirSync(temporary, { mode: 0o700 });
  try {
    // nothing changed: only the manifest is kept, so the next load need not read the graph again
    const bytes = unchanged ? 0 : await writeDerivedModel(join(temporary, 'model.onnx'), model, sourceDir, sourceTypes);
    const copy: DerivedCopy = { source: request.source, path: unchanged ? null : join(folder, 'model.onnx'), float16, fusedAttention, bytes, reused: false };
    writeFileSync(join(temporary, MANIFEST), JSON.stringify(copy, null, 2));
    try {
      renameSync(temporary, folder);
    } catch (error) {
      if (!existsSync(manifest)) throw error; // another load finished the same copy first: use it
    }
    return copy;
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}
