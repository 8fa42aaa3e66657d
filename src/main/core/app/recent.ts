import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { RecentNotebook } from '../api-contract';
import { writeFileAtomic } from '../store/atomic-file';

const MAX_RECENT = 10;
const recentSchema = z.array(z.object({ name: z.string(), path: z.string(), openedAt: z.string() }));

/** The recent-notebooks list, kept in the user data folder (not in any notebook). */
export class RecentNotebooks {
  private readonly file: string;

  constructor(userDataDir: string) {
    this.file = join(userDataDir, 'recent-notebooks.json');
  }

  async list(): Promise<RecentNotebook[]> {
    try {
      const parsed = recentSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      return parsed.success ? parsed.data : [];
    } catch {
      // Missing or unreadable: the list is a convenience, never a reason to fail.
      return [];
    }
  }

  async remember(path: string, name: string, now: Date): Promise<void> {
    const rest = (await this.list()).filter((r) => r.path !== path);
    const next = [{ name: name || basename(path), path, openedAt: now.toISOString() }, ...rest].slice(
      0,
      MAX_RECENT,
    );
    await mkdir(join(this.file, '..'), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(next, null, 2));
  }
}
