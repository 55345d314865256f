/**
 * The bounded hand-off between generation and execution. A request reserves room for its
 * completions before it is sent (so requests in flight count against the bound too), and
 * the consumer drains completions in arrival order. A failure is delivered to the
 * consumer after the completions already received, so that they are still recorded.
 */
export class CompletionBuffer<T> {
  private items: T[] = [];
  private head = 0;
  private reserved = 0;
  private producers: Array<{ k: number; resolve: () => void }> = [];
  private wakeConsumer: (() => void) | null = null;
  private failure: { error: unknown } | null = null;
  private finished = false;

  constructor(private readonly capacity: number) {}

  /** Items waiting plus items reserved by requests in flight. */
  get held(): number {
    return this.items.length - this.head + this.reserved;
  }

  private fits(k: number): boolean {
    // A request larger than the whole buffer may go alone.
    return this.held + k <= this.capacity || this.held === 0;
  }

  private wakeProducers(): void {
    while (this.producers.length && this.fits(this.producers[0]!.k)) {
      const p = this.producers.shift()!;
      this.reserved += p.k;
      p.resolve();
    }
  }

  private wake(): void {
    const w = this.wakeConsumer;
    this.wakeConsumer = null;
    w?.();
  }

  reserve(k: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.producers.length === 0 && this.fits(k)) {
      this.reserved += k;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = { k, resolve: () => (signal.removeEventListener('abort', onAbort), resolve()) };
      const onAbort = (): void => {
        this.producers = this.producers.filter((p) => p !== entry);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.producers.push(entry);
    });
  }

  release(k: number): void {
    this.reserved -= k;
    this.wakeProducers();
  }

  /** Adds completions received for a reservation of `reservedK`. */
  push(items: readonly T[], reservedK: number): void {
    this.reserved -= reservedK;
    this.items.push(...items);
    this.wake();
    this.wakeProducers();
  }

  fail(error: unknown): void {
    if (!this.failure) this.failure = { error };
    this.wake();
  }

  finish(): void {
    this.finished = true;
    this.wake();
  }

  async *drain(): AsyncGenerator<T> {
    for (;;) {
      if (this.head < this.items.length) {
        const item = this.items[this.head++]!;
        if (this.head > 1024 && this.head * 2 > this.items.length) {
          this.items = this.items.slice(this.head);
          this.head = 0;
        }
        this.wakeProducers();
        yield item;
        continue;
      }
      if (this.failure) throw this.failure.error;
      if (this.finished) return;
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    }
  }
}
