// Reads what scripts/peer/noise/torch_randn.py wrote: successive torch.randn draws as half bit patterns.
import { readFileSync } from 'node:fs';

export interface TorchDraws {
  seed: string;
  /** successive torch.randn shapes from one generator */
  draws: number[][];
  /** each draw's values as half bit patterns (int16, as torch lists them; Uint16Array.from wraps them) */
  bits: number[][];
}

export interface TorchFile {
  torch: string;
  capability: string;
  cases: TorchDraws[];
}

export function readTorchFile(path: string): TorchFile {
  return JSON.parse(readFileSync(path, 'utf8')) as TorchFile;
}
