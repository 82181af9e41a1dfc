/**
 * Group commit: calls made while one batch is being written wait and go together in the next.
 * One statement for many messages, instead of one per message, is what lets a bridge keep pace
 * with DingTalk at a few hundred messages a second; when idle, a call goes out on the next turn
 * of the event loop, so it waits for nothing.
 */
export class Batcher<I, O> {
  private waiting: { item: I; resolve: (out: O) => void; reject: (error: unknown) => void }[] = [];
  private writing = 0;
  private scheduled = false;

  /**
   * `write` returns one result per item, in order; if it throws, every call of the batch fails
   * with it. `lingerMs` holds a batch open that long for more calls to join it: less work per
   * call where a little latency costs nothing. `maxWriting` lets that many batches be written at
   * once (1 by default: the next batch waits and grows), where waiting costs more than a statement.
   */
  constructor(
    private readonly write: (items: I[]) => Promise<O[]>,
    private readonly options: { maxBatch?: number; lingerMs?: number; maxWriting?: number } = {},
  ) {}

  private get full(): boolean {
    return this.writing >= (this.options.maxWriting ?? 1);
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.full) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      void this.flush();
    };
    if (this.options.lingerMs) setTimeout(go, this.options.lingerMs);
    else setImmediate(go);
  }

  private async flush(): Promise<void> {
    if (this.full || this.waiting.length === 0) return;
    this.writing++;
    const batch = this.waiting.splice(0, this.options.maxBatch ?? 200);
    try {
      const results = await this.write(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} gave ${results.length} results`);
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      this.writing--;
      if (this.waiting.length > 0) this.schedule();
    }
  }
}
