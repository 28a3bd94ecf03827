import { ApiError, describeZodError } from './errors.ts';
import { contract, METHOD_NAMES, type MethodInput, type MethodName, type MethodOutput } from './methods.ts';

/** What a transport provides: send one call, resolve with the raw result or reject with an ApiError. */
export type Invoke = (method: MethodName, input: unknown) => Promise<unknown>;

type GroupOf<M extends string> = M extends `${infer G}.${string}` ? G : never;
type ActionsOf<G extends string> = {
  [M in MethodName as M extends `${G}.${infer A}` ? A : never]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
};

/** `client.projects.create({...})`, typed from the contract. */
export type ApiClient = { [G in GroupOf<MethodName>]: ActionsOf<G> };

/** Builds the typed client over any transport; results are validated before they reach the caller. */
export function createClient(invoke: Invoke): ApiClient {
  const client: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const name of METHOD_NAMES) {
    const [group, action] = name.split('.') as [string, string];
    client[group] ??= {};
    client[group][action] = async (input: unknown) => {
      const raw = await invoke(name, input);
      const parsed = contract[name].output.safeParse(raw);
      if (!parsed.success) throw new ApiError('internal', describeZodError(parsed.error, `response from ${name}`));
      return parsed.data;
    };
  }
  return client as unknown as ApiClient;
}
