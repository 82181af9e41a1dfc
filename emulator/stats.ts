/** Calls per "METHOD /path", for tests that count what a client did. */
export class CallStats {
  private calls = new Map<string, number>();

  record(method: string, path: string): void {
    const key = `${method} ${path}`;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.calls);
  }

  reset(): void {
    this.calls = new Map();
  }
}
