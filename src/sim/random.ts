// The session's seeded random source (sfc32). Its state lives in the state file so that the same
// command sequence on a fresh state yields the same names, UIDs and choices.

export type RngState = [number, number, number, number];

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(state: RngState) {
    [this.a, this.b, this.c, this.d] = state;
  }

  static fromSeed(seed: number): Random {
    // splitmix32 to spread a small integer seed over the 128-bit state
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    const r = new Random([next(), next(), next(), next()]);
    for (let i = 0; i < 12; i++) r.uint32();
    return r;
  }

  state(): RngState {
    return [this.a, this.b, this.c, this.d];
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t >>> 0;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (n <= 1) return 0;
    // rejection sampling keeps it uniform
    const limit = Math.floor(0x100000000 / n) * n;
    let v: number;
    do v = this.uint32();
    while (v >= limit);
    return v % n;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.uint32() / 0x100000000;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** RFC 4122 version-4 UUID, lower-case. */
  uuid(): string {
    const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
    const w = [this.uint32(), this.uint32(), this.uint32(), this.uint32()];
    const s = hex(w[0]!, 8) + hex(w[1]!, 8) + hex(w[2]!, 8) + hex(w[3]!, 8);
    const chars = s.split('');
    chars[12] = '4';
    chars[16] = '89ab'[parseInt(chars[16]!, 16) & 3]!;
    const u = chars.join('');
    return `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`;
  }

  /** Lower-case hex string of `len` characters. */
  hex(len: number): string {
    let s = '';
    while (s.length < len) s += this.uint32().toString(16).padStart(8, '0');
    return s.slice(0, len);
  }
}
