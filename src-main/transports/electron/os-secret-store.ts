// Secrets (the Hugging Face access token) encrypted with Electron's safeStorage — the Keychain on macOS, DPAPI on
// Windows, the desktop's secret service on Linux — and kept, encrypted, in one file in the app's data folder.
import { safeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { MemorySecretStore, type SecretStore } from '../../service/secrets.ts';

/**
 * The OS-backed store, or an in-memory one where safeStorage has no real key: on Linux without a keyring it falls
 * back to a password written into Chromium itself ('basic_text'), which would be plain text in all but name.
 */
export async function openOsSecretStore(file: string): Promise<SecretStore> {
  const available = await safeStorage.isAsyncEncryptionAvailable();
  if (!available || (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')) {
    console.warn('[onestory] no secret storage on this system: a Hugging Face token is kept only until Onestory quits');
    return new MemorySecretStore();
  }
  return new SafeStorageSecrets(file);
}

class SafeStorageSecrets implements SecretStore {
  readonly persistent = true;
  readonly #file: string;
  /** Changes one after another: two overlapping read-modify-writes would lose one of them. */
  #writes: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    this.#file = file;
  }

  /** A secret the OS can no longer decrypt (its keyring was reset or replaced) is as good as absent: it is dropped. */
  async get(key: string): Promise<string | undefined> {
    const encrypted = (await this.#read())[key];
    if (encrypted === undefined) return undefined;
    try {
      return (await safeStorage.decryptStringAsync(Buffer.from(encrypted, 'base64'))).result;
    } catch (error) {
      console.warn(`[onestory] the stored ${key} cannot be decrypted any more (${(error as Error).message}); it is forgotten`);
      await this.delete(key);
      return undefined;
    }
  }

  async set(key: string, value: string): Promise<void> {
    const encrypted = (await safeStorage.encryptStringAsync(value)).toString('base64');
    await this.#change((values) => (values[key] = encrypted));
  }

  async delete(key: string): Promise<void> {
    await this.#change((values) => delete values[key]);
  }

  #change(edit: (values: Record<string, string>) => unknown): Promise<void> {
    const done = this.#writes.then(async () => {
      const values = await this.#read();
      edit(values);
      await this.#write(values);
    });
    this.#writes = done.catch(() => undefined);
    return done;
  }

  /** key → base64 of the encrypted value; a missing or unreadable file holds none. */
  async #read(): Promise<Record<string, string>> {
    try {
      return JSON.parse(await readFile(this.#file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  /** Written beside and renamed into place, readable by this user only. */
  async #write(values: Record<string, string>): Promise<void> {
    const temp = `${this.#file}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, JSON.stringify(values), { mode: 0o600 });
    await rename(temp, this.#file);
  }
}
