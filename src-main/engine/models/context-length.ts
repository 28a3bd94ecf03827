// How many context tokens a UNet takes. optimum exports encoder_hidden_states with a symbolic sequence axis, which
// IPCA needs: it joins contexts ('paper': 2 × 77 rows; 'reference': 77 + the identity's rows). Some exports
// (TensorRT/ORT demo, some Olive) fix the axis at CLIP's 77 tokens: every plain prompt fits, so such a model
// renders, with IPCA off. Any other fixed length cannot take a plain prompt and is refused.
import { CLIP_MAX_LENGTH } from '../tokenizer/index.ts';
import { ModelFolderError } from './model-folder-error.ts';

const REEXPORT_DYNAMIC = 'Re-export the UNet with a dynamic sequence axis on encoder_hidden_states, as optimum does';

/** Throws for a fixed context length other than CLIP's 77 (a symbolic axis is null). */
export function checkContextTokens(tokens: number | null, path: string): void {
  if (tokens !== null && tokens !== CLIP_MAX_LENGTH) {
    throw new ModelFolderError(path, `encoder_hidden_states has a fixed length of ${tokens} tokens, but a prompt is ${CLIP_MAX_LENGTH} tokens (CLIP's context)`, REEXPORT_DYNAMIC);
  }
}

/** Why IPCA cannot run on a UNet with this context length (null: it can), with the remedy. */
export function ipcaUnavailableReason(tokens: number | null): string | null {
  if (tokens === null) return null;
  return (
    `The UNet was exported with a fixed ${tokens}-token context (encoder_hidden_states), and IPCA needs a longer one. ` +
    'Re-export the UNet with a dynamic sequence axis (as optimum does) to use IPCA.'
  );
}

/** For a call that asks the UNet for a longer context than its export takes (IPCA left on). */
export function contextTooLong(path: string, fixed: number, asked: number): Error {
  return new Error(`${path}: the UNet takes a fixed ${fixed}-token context (encoder_hidden_states), not ${asked} tokens: run with IPCA off. ${REEXPORT_DYNAMIC} to use IPCA`);
}
