import { createHash } from "node:crypto";

/**
 * Message ids, task ids and keys derived from the seed and a counter: a restart with the same seed
 * hands out the same ids, and read times derived from them stay the same.
 */
export class IdSource {
  private seq = 0;

  constructor(private readonly seed: number) {}

  private digest(kind: string): Buffer {
    return createHash("sha256").update(`${this.seed}:${kind}:${++this.seq}`).digest();
  }

  hex(kind: string, length: number): string {
    return this.digest(kind).toString("hex").slice(0, length);
  }

  base64(kind: string, length: number): string {
    return this.digest(kind).toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, length);
  }

  /** A positive integer id (work notification task ids are numbers). */
  number(kind: string): number {
    const noise = this.digest(kind).readUInt16BE(0) % 1000;
    return 40_000_000_000 + this.seq * 1000 + noise;
  }
}
