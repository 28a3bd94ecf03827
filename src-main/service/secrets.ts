/**
 * Where secrets (the Hugging Face access token) are kept: never in the library database. Electron provides one
 * backed by the operating system's secret storage (transports/electron); elsewhere they live in memory.
 */
export interface SecretStore {
  /** true when secrets outlive the process */
  readonly persistent: boolean;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * Browser mode and the CLI: secrets are kept in this process's memory only and are gone when it exits (a token
 * must be given again), because Node has no portable access to the operating system's secret storage.
 */
export class MemorySecretStore implements SecretStore {
  readonly persistent = false;
  readonly #values = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.#values.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.#values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.#values.delete(key);
  }
}
