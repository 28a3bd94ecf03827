import type { MethodName, MethodOutput, MethodParsedInput } from '../../src-shared/contract/index.ts';

/** What the service implements: one function per contract method, fed validated input. */
export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};
