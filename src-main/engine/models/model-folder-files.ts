// The files of a diffusers/optimum ONNX folder, each read with an error that names it.
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkSmallFile, readFailure, readSmallFile } from '../files/regular-file.ts';
import { MAX_TOKENIZER_FILE_BYTES } from '../tokenizer/read-tokenizer-file.ts';
import { ModelFolderError, REEXPORT } from './model-folder-error.ts';
import type { ExternalDataRef } from './onnx-graph-io.ts';

export type JsonObject = Readonly<Record<string, unknown>>;

export const MODEL_FILE = 'model.onnx';
/** diffusers' configs are a few kB; a larger one is not a config (or is a link to /dev/zero). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
export const TOKENIZER_FILES = ['vocab.json', 'merges.txt'];

export interface EncoderFolders {
  /** text_encoder or text_encoder_2: also the component's name in stats */
  encoder: string;
  tokenizer: string;
}

export const ENCODER_FOLDERS: readonly EncoderFolders[] = [
  { encoder: 'text_encoder', tokenizer: 'tokenizer' },
  { encoder: 'text_encoder_2', tokenizer: 'tokenizer_2' },
];

export async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

/** A JSON object file; `required: false` gives null when the file is absent. */
export async function readJsonObject(path: string, required: true): Promise<JsonObject>;
export async function readJsonObject(path: string, required: false): Promise<JsonObject | null>;
export async function readJsonObject(path: string, required: boolean): Promise<JsonObject | null> {
  let text: string;
  try {
    text = (await readSmallFile(path, MAX_CONFIG_BYTES)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) return null;
    throw new ModelFolderError(path, readFailure(error), REEXPORT, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ModelFolderError(path, 'the file is not valid JSON', REEXPORT, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ModelFolderError(path, 'the file does not hold a JSON object', REEXPORT);
  }
  return value as JsonObject;
}

/** Every external weights file a model.onnx refers to is beside it and long enough. */
export async function checkExternalData(modelPath: string, refs: readonly ExternalDataRef[]): Promise<void> {
  for (const { location, end } of refs) {
    const path = join(dirname(modelPath), location);
    const size = (await stat(path).catch(() => null))?.size;
    if (size === undefined) {
      throw new ModelFolderError(path, `the weights file is missing (${basename(modelPath)} keeps its weights in it)`, `Put ${location} beside ${basename(modelPath)}, or download the folder again`);
    }
    if (end !== null && size < end) {
      throw new ModelFolderError(path, `the weights file is truncated (${size} bytes; the model needs ${end})`, 'Download it again');
    }
  }
}

export async function checkTokenizerFiles(dir: string): Promise<void> {
  for (const file of TOKENIZER_FILES) {
    const path = join(dir, file);
    try {
      await checkSmallFile(path, MAX_TOKENIZER_FILE_BYTES);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new ModelFolderError(path, missing ? 'the tokenizer file is missing' : readFailure(error), REEXPORT, { cause: error });
    }
  }
}
