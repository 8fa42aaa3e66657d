import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sharedDir } from '../../helpers/notebook';

export const projectXsd = join(sharedDir, 'refi-qda', 'Project-mrt2019.xsd');
export const codebookXsd = join(import.meta.dirname, '../../fixtures/refi-qda/Codebook.xsd');

/**
 * Validates with Debian's xmllint (libxml2-utils), a real XSD validator; `.ci/run` installs it. Returns
 * xmllint's complaint, or '' when the file is valid.
 */
export function xsdErrors(file: string, xsd: string): string {
  const found = spawnSync('xmllint', ['--version']);
  if (found.error) {
    throw new Error('xmllint is missing: install it with `apt-get install libxml2-utils` (.ci/run does).');
  }
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}
