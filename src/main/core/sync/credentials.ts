// Passwords for shared notebooks, kept out of the notebook folder (which is copied, backed up and shared): for
// the CLI and browser mode, one file in the user's config folder readable by them alone (0600). The desktop app
// keeps them encrypted with Electron's safeStorage instead (src/main/sync-credentials.ts), through the same shape.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface Credentials {
  username: string;
  password: string;
}

export interface CredentialStore {
  get(server: string, db: string): Promise<Credentials | null>;
  set(server: string, db: string, credentials: Credentials): Promise<void>;
}

export const credentialsFileSchema = z.record(
  z.string(),
  z.object({ username: z.string(), password: z.string() }),
);

const keyOf = (server: string, db: string): string => `${server}|${db}`;

/** `<configDir>/sync-credentials.json`, mode 0600 (its folder 0700). */
export class FileCredentialStore implements CredentialStore {
  readonly file: string;

  constructor(configDir: string) {
    this.file = path.join(configDir, 'sync-credentials.json');
  }

  async get(server: string, db: string): Promise<Credentials | null> {
    return (await this.read())[keyOf(server, db)] ?? null;
  }

  async set(server: string, db: string, credentials: Credentials): Promise<void> {
    const all = await this.read();
    all[keyOf(server, db)] = credentials;
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    // Created 0600 from the first byte (a temp file then renamed), never readable by others even briefly.
    const temp = `${this.file}.${process.pid}.tmp`;
    const handle = await fs.open(temp, 'w', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(JSON.stringify(all, null, 2) + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, this.file);
  }

  private async read(): Promise<Record<string, Credentials>> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
    const parsed = credentialsFileSchema.safeParse(safeJson(text));
    return parsed.success ? parsed.data : {};
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
