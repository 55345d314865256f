/**
 * Each benchmark file names a task once; a second line with the same id is a broken file,
 * refused with the field, its value and the line (`path:line`).
 */
import { PasskError } from '../kernel/errors.js';

export class TaskIds {
  readonly #seen = new Set<string>();

  /** Records `id`; throws when this file already had it. `shown` is the field's value as the message quotes it. */
  add(id: string, field: string, shown: string, where: string): void {
    if (this.#seen.has(id)) throw new PasskError('E_DATASET', `field "${field}": ${shown} appears twice; expected unique task ids`, where);
    this.#seen.add(id);
  }
}
