// Desktop glue: shared-notebook passwords encrypted with Electron's safeStorage (the OS keychain / DPAPI / libsecret)
// in a file in the user's config folder, never in the notebook. Where the OS offers no encryption
// (safeStorage.isEncryptionAvailable() is false, e.g. Linux without a keyring) it falls back to the CLI's 0600 file.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import {
  credentialsFileSchema,
  FileCredentialStore,
  type CredentialStore,
  type Credentials,
} from './core/sync/credentials';

export class SafeStorageCredentialStore implements CredentialStore {
  private readonly file: string;
  private readonly fallback: FileCredentialStore;

  constructor(configDir: string) {
    this.file = path.join(configDir, 'sync-credentials.bin');
    this.fallback = new FileCredentialStore(configDir);
  }

  async get(server: string, db: string): Promise<Credentials | null> {
    if (!safeStorage.isEncryptionAvailable()) return this.fallback.get(server, db);
    return (await this.read())[`${server}|${db}`] ?? (await this.fallback.get(server, db));
  }

  async set(server: string, db: string, credentials: Credentials): Promise<void> {
    if (!safeStorage.isEncryptionAvailable()) return this.fallback.set(server, db, credentials);
    const all = await this.read();
    all[`${server}|${db}`] = credentials;
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temp, safeStorage.encryptString(JSON.stringify(all)), { mode: 0o600 });
    await fs.rename(temp, this.file);
  }

  private async read(): Promise<Record<string, Credentials>> {
    try {
      const parsed = credentialsFileSchema.safeParse(
        JSON.parse(safeStorage.decryptString(await fs.readFile(this.file))),
      );
      return parsed.success ? parsed.data : {};
    } catch {
      // Missing, or not readable with this user's key: as if no password was kept (the researcher signs in again).
      return {};
    }
  }
}
