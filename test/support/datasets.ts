/**
 * The public benchmark files tests read, from `../shared/datasets` beside the project (not
 * part of it: ../shared/datasets/README.md says where each file comes from). This is the
 * one place that names the folder; it is resolved from the project root, whatever the
 * working folder.
 *
 * A test that needs a file skips when it is absent, saying so on stderr, unless
 * PASSK_REQUIRE_ALL=1 (CI sets it): then the test file fails with the same message.
 *
 *   describe.skipIf(skipWithoutDatasets('HumanEval.jsonl.gz'))('...', () => { ... });
 *   const data = datasetPath('HumanEval.jsonl.gz');
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** As messages show it (relative to the project root). */
const SHOWN = '../shared/datasets';
const DIR = fileURLToPath(new URL(`../../${SHOWN}/`, import.meta.url));

/** The absolute path of a file in ../shared/datasets (whether or not it is there). */
export function datasetPath(file: string): string {
  return join(DIR, file);
}

const warned = new Set<string>();

/**
 * For `describe.skipIf` / `it.skipIf`: false when every file is there; true when one is
 * absent, after saying which on stderr; throws (failing the test file with the same
 * message) when one is absent and PASSK_REQUIRE_ALL=1.
 */
export function skipWithoutDatasets(...files: string[]): boolean {
  const absent = files.filter((file) => !existsSync(datasetPath(file)));
  if (absent.length === 0) return false;
  const what = `${absent.map((file) => `${SHOWN}/${file}`).join(', ')} ${absent.length === 1 ? 'is' : 'are'} absent`;
  const why = existsSync(DIR) ? '' : ` (the folder ${SHOWN} does not exist)`;
  if (process.env.PASSK_REQUIRE_ALL === '1') {
    throw new Error(
      `${what}${why}: PASSK_REQUIRE_ALL=1 requires every dataset the tests read (see ${SHOWN}/README.md for where each file comes from)`,
    );
  }
  const message = `${what}${why}: the tests that read ${absent.length === 1 ? 'it' : 'them'} are skipped (PASSK_REQUIRE_ALL=1 makes this a failure)`;
  if (!warned.has(message)) {
    warned.add(message);
    process.stderr.write(`${message}\n`);
  }
  return true;
}
