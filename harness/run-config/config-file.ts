/**
 * Reading a run config file. YAML and JSON both go through the `yaml` parser (JSON is YAML), which
 * keeps every node's position, so a problem found later by the schema can still name the
 * line it came from. Duplicate keys and syntax errors are reported with their line.
 */
import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import { PasskError } from '../../kernel/errors.js';
import type { ConfigPath } from './issues.js';

export interface ConfigDocument {
  file: string;
  raw: Record<string, unknown>;
  /** "file:line" of the value at a path, or of its nearest parent present in the file. */
  locate(path: ConfigPath): string;
}

function pairAt(node: unknown, key: string | number): { key: unknown; value: unknown } | null {
  if (YAML.isMap(node)) {
    const pair = node.items.find((p) => (YAML.isScalar(p.key) ? p.key.value : p.key) === key);
    return pair ? { key: pair.key, value: pair.value } : null;
  }
  if (YAML.isSeq(node) && typeof key === 'number') {
    const item = node.items[key];
    return item === undefined ? null : { key: item, value: item };
  }
  return null;
}

function offsetOf(node: unknown): number | null {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : null;
}

export function parseConfigText(text: string, file: string): ConfigDocument {
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const line = lineCounter.linePos(problem.pos[0]).line;
    throw new PasskError('E_CONFIG', `not valid YAML/JSON: ${problem.message.split('\n')[0]}`, line ? `${file}:${line}` : file);
  }
  const raw = doc.toJS() as unknown;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PasskError('E_CONFIG', 'a run config is a mapping of fields (benchmark, models, sampling, n, ...)', file);
  }
  const locate = (path: ConfigPath): string => {
    let node: unknown = doc.contents;
    let offset = offsetOf(node) ?? 0;
    for (const key of path) {
      const pair = pairAt(node, key);
      if (!pair) break;
      // The key's own line for an unknown or wrong field; the value's for list items.
      offset = offsetOf(pair.key) ?? offsetOf(pair.value) ?? offset;
      node = pair.value;
    }
    return `${file}:${lineCounter.linePos(offset).line}`;
  };
  return { file, raw: raw as Record<string, unknown>, locate };
}

export async function readConfigFile(path: string): Promise<ConfigDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new PasskError('E_INPUT', `cannot read the run config: ${(err as Error).message}`, path);
  }
  return parseConfigText(text, path);
}
