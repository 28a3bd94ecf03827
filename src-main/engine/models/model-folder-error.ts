/**
 * A model folder that cannot be used: names the offending file (or folder) and says what to do about it.
 * One per problem, thrown before any generation starts.
 */
export class ModelFolderError extends Error {
  /** the file or folder at fault */
  readonly path: string;

  constructor(path: string, problem: string, remedy: string, options?: ErrorOptions) {
    super(`${path}: ${problem}. ${remedy}`, options);
    this.name = 'ModelFolderError';
    this.path = path;
  }
}

/** The remedy for a folder that is not a complete export. */
export const REEXPORT = 'Download the complete ONNX folder again, or re-export the model with `optimum-cli export onnx --model <model id> <folder>`';
