// The warning loading gives when a GPU provider fails to start, and ONNX Runtime's reason read back out of it:
// the hardware page tells the user that reason. No onnxruntime import, so the service can use it without loading ORT.

const PREFIX = 'execution provider ';
const MIDDLE = ' could not start (';
const SUFFIX = ')';

/** "execution provider cuda could not start (<ONNX Runtime's first line>)" */
export function providerFailure(provider: string, reason: string): string {
  return `${PREFIX}${provider}${MIDDLE}${reason}${SUFFIX}`;
}

/** ONNX Runtime's reason for `provider`, from loading's warnings (which add "; running on cpu"); null when none. */
export function providerFailureReason(provider: string, warnings: readonly string[]): string | null {
  const start = `${PREFIX}${provider}${MIDDLE}`;
  const warning = warnings.find((w) => w.startsWith(start));
  if (!warning) return null;
  const end = warning.lastIndexOf(SUFFIX);
  return warning.slice(start.length, end > start.length ? end : undefined);
}
