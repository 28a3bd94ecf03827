// For tests: fixture model folders written with a toy vocabulary (no ../shared needed), copies to break, and
// tiny hand-built graphs for exports the fixture generator does not make.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { GraphBuilder, type Dim, type ElemType } from '../../../scripts/onnx/graph-builder.ts';
import { writeModelFolder } from '../../../scripts/fixtures/model-folder.ts';
import { fixtureSpec, type Family, type FixtureOptions } from '../../../scripts/fixtures/model-spec.ts';
import { toyVocabulary } from '../tokenizer/toy-vocabulary.ts';
import { ModelFolderError } from './model-folder-error.ts';

export const TOY_VOCABULARY = toyVocabulary(['a b', 'c d']);

export function makeTempRoot(prefix: string): { root: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export async function writeFixture(dir: string, family: Family, options: FixtureOptions = {}): Promise<string> {
  await writeModelFolder(dir, fixtureSpec(family, options), TOY_VOCABULARY);
  return dir;
}

export function copyFolder(from: string, to: string): string {
  cpSync(from, to, { recursive: true });
  return to;
}

export function editJson(path: string, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}

/** A graph whose outputs are copies of its first input: enough to carry any signature. */
export function writeSignatureGraph(
  path: string,
  inputs: readonly [string, ElemType, readonly Dim[]][],
  outputs: readonly [string, ElemType, readonly Dim[]][],
  op = 'Identity',
): void {
  const g = new GraphBuilder();
  const [first] = inputs.map(([name, type, dims]) => g.input(name, type, dims));
  for (const [name, type, dims] of outputs) g.output(g.node(op, [first]), name, type, dims);
  g.save(path, { opset: 17 });
}

export async function expectFolderError(promise: Promise<unknown>, path: string, message: RegExp): Promise<ModelFolderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelFolderError);
  const folderError = error as ModelFolderError;
  expect(folderError.path).toBe(path);
  expect(folderError.message).toMatch(message);
  expect(folderError.message.startsWith(`${path}: `)).toBe(true);
  return folderError;
}
