// What the worker threads load from disk, found from the sources, so the packaging test can check that all of it
// is unpacked from app.asar (a worker thread cannot read inside the archive).
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

/** Value imports (not `import type`), re-exports and dynamic imports. */
const IMPORT =
  /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The npm packages that `entries` import, directly or through the project's own modules they import. */
export function importedPackages(root: string, entries: string[]): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? '';
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec);
        const source = [`${base}.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')].find(existsSync);
        if (source) visit(source);
        else if (!spec.endsWith('.json')) throw new Error(`${relative(root, file)}: cannot resolve ${spec}`);
      } else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) {
        packages.add(
          spec
            .split('/')
            .slice(0, spec.startsWith('@') ? 2 : 1)
            .join('/'),
        );
      }
    }
  };
  entries.forEach((entry) => visit(join(root, entry)));
  return packages;
}

/**
 * The names of every installed package that `packages` need at run time: their dependencies and installed
 * optional dependencies, resolved the way Node resolves them. Names, not folders: electron-builder lays
 * node_modules out again when it packs (a package nested here may sit at the top there).
 */
export function runtimePackages(root: string, packages: Iterable<string>): string[] {
  const found = new Set<string>();
  const names = new Set<string>();
  const locate = (name: string, from: string): string | null => {
    for (let dir = from; dir.startsWith(root); dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
      if (dirname(dir) === dir) break;
    }
    return null;
  };
  const walk = (dir: string): void => {
    const rel = relative(root, dir).split('\\').join('/');
    if (found.has(rel)) return;
    found.add(rel);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    names.add(manifest.name);
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      const location = locate(name, dir);
      if (location) walk(location);
    }
  };
  for (const name of packages) {
    const location = locate(name, root);
    if (!location) throw new Error(`${name} is imported by a worker but not installed`);
    walk(location);
  }
  return [...names].sort();
}

/**
 * electron-builder's `asarUnpack` globs (minimatch) as a test, for the forms package.json uses: `**` any number
 * of folders (also none), `*` within one path segment.
 */
export function globMatcher(patterns: string[]): (path: string) => boolean {
  const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const part = (token: string) =>
    token === '**/' ? '(?:.*/)?' : token === '/**' ? '(?:/.*)?' : token === '*' ? '[^/]*' : escape(token);
  const regexes = patterns.map(
    (pattern) =>
      new RegExp(
        `^${pattern
          .split(/(\*\*\/|\/\*\*|\*)/)
          .map(part)
          .join('')}$`,
      ),
  );
  return (path) => regexes.some((r) => r.test(path));
}
