// 32-bit Mersenne Twister (MT19937), the engine behind torch's CPU generator.
// Seeding is the reference init_genrand from a 32-bit seed; outputs are the standard tempered words,
// so the stream equals std::mt19937 / numpy's legacy MT19937 for the same seed.

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class Mt19937 {
  private readonly state = new Uint32Array(N);
  private index = N;

  constructor(seed: number) {
    const s = this.state;
    s[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = s[i - 1];
      // Math.imul keeps the product in 32 bits, as the C reference's uint32 arithmetic does.
      s[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
  }

  /** Next 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const s = this.state;
    // Three ranges so that no index needs wrapping (this runs once per 624 outputs).
    let i = 0;
    for (; i < N - M; i++) s[i] = mix(s[i + M], s[i], s[i + 1]);
    for (; i < N - 1; i++) s[i] = mix(s[i + M - N], s[i], s[i + 1]);
    s[N - 1] = mix(s[M - 1], s[N - 1], s[0]);
    this.index = 0;
  }
}

function mix(far: number, current: number, next: number): number {
  const y = (current & UPPER_MASK) | (next & LOWER_MASK);
  return far ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
}
