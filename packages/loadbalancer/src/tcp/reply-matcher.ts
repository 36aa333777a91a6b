/**
 * Compares a server's reply with the expected bytes as they arrive (replies come in pieces):
 * `pending` until as many bytes as expected arrived, then `match` when the reply starts with
 * them, else `mismatch`. Keeps at most `expected.length` bytes.
 */
export class ReplyMatcher {
  private received = 0;

  constructor(private readonly expected: Buffer) {}

  feed(chunk: Buffer): 'pending' | 'match' | 'mismatch' {
    const take = Math.min(chunk.length, this.expected.length - this.received);
    if (chunk.compare(this.expected, this.received, this.received + take, 0, take) !== 0) return 'mismatch';
    this.received += take;
    return this.received === this.expected.length ? 'match' : 'pending';
  }
}
