/** Thrown by `ByteReader` when a length runs past its bounds; caught by the hello parser. */
export class HelloFormatError extends Error {}

/** A strict cursor over a byte range: every read is bounds-checked, nothing reads past `end`. */
export class ByteReader {
  private position: number;
  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.position = start;
  }

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.end - this.position;
  }

  private need(n: number, what: string): void {
    if (n > this.remaining) throw new HelloFormatError(`${what} runs past its bounds`);
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.position++]!;
  }

  u16(what: string): number {
    this.need(2, what);
    const value = (this.bytes[this.position]! << 8) | this.bytes[this.position + 1]!;
    this.position += 2;
    return value;
  }

  skip(n: number, what: string): void {
    this.need(n, what);
    this.position += n;
  }

  /** A sub-reader over the next `n` bytes (which this reader skips). */
  sub(n: number, what: string): ByteReader {
    this.need(n, what);
    const inner = new ByteReader(this.bytes, this.position, this.position + n);
    this.position += n;
    return inner;
  }

  /** The next `n` bytes as a latin1 string (one character per byte). */
  text(n: number, what: string): string {
    this.need(n, what);
    const out = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.position, n).toString('latin1');
    this.position += n;
    return out;
  }
}
