import { createHash } from 'node:crypto';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function md5(...parts: Array<Buffer | string>): Buffer {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
}

function to64(value: number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++, value >>= 6) out += ITOA64[value & 0x3f];
  return out;
}

function stretch(pw: Buffer, salt: Buffer, magic: string): Buffer {
  const alt = md5(pw, salt, pw);
  const ctx = createHash('md5').update(pw).update(magic).update(salt);
  for (let left = pw.length; left > 0; left -= 16) ctx.update(alt.subarray(0, Math.min(16, left)));
  for (let i = pw.length; i > 0; i >>= 1) ctx.update(i & 1 ? Buffer.from([0]) : pw.subarray(0, 1));
  let final = ctx.digest();
  for (let i = 0; i < 1000; i++) {
    const round = createHash('md5');
    round.update(i & 1 ? pw : final);
    if (i % 3) round.update(salt);
    if (i % 7) round.update(pw);
    round.update(i & 1 ? final : pw);
    final = round.digest();
  }
  return final;
}

/** MD5-crypt (`$1$`) and Apache's variant (`$apr1$`): `magic + salt + '$' + hash`. */
export function md5Crypt(password: string, salt: string, magic: '$apr1$' | '$1$' = '$apr1$'): string {
  const s = salt.split('$')[0]!.slice(0, 8);
  const f = stretch(Buffer.from(password), Buffer.from(s), magic);
  const groups: Array<[number, number, number]> = [[0, 6, 12], [1, 7, 13], [2, 8, 14], [3, 9, 15], [4, 10, 5]];
  let hash = '';
  for (const [a, b, c] of groups) hash += to64((f[a]! << 16) | (f[b]! << 8) | f[c]!, 4);
  hash += to64(f[11]!, 2);
  return `${magic}${s}$${hash}`;
}
