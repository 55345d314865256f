/**
 * One value per task id, computed on first demand and shared by every later caller. A
 * computation that rejects is forgotten, so that a later call computes it again: a harness
 * fault must not stick to a task for the rest of the run.
 */
export class PerTaskMemo<T> {
  readonly #memo = new Map<string, Promise<T>>();

  get(taskId: string, compute: () => Promise<T>): Promise<T> {
    const known = this.#memo.get(taskId);
    if (known) return known;
    const pending = compute();
    this.#memo.set(taskId, pending);
    pending.catch(() => {
      if (this.#memo.get(taskId) === pending) this.#memo.delete(taskId);
    });
    return pending;
  }
}
