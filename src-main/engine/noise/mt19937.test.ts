import { describe, expect, it } from 'vitest';
import { Mt19937 } from './mt19937.ts';

describe('Mt19937', () => {
  it('gives the reference outputs for the reference seed 5489', () => {
    const mt = new Mt19937(5489);
    expect([0, 1, 2, 3, 4].map(() => mt.nextUint32())).toEqual([3499211612, 581869302, 3890346734, 3586334585, 545404204]);
  });

  it('gives 4123659995 as the 10000th output for seed 5489 (the C++ standard check)', () => {
    const mt = new Mt19937(5489);
    for (let i = 1; i < 10000; i++) mt.nextUint32();
    expect(mt.nextUint32()).toBe(4123659995);
  });

  it('takes the seed as an unsigned 32-bit value', () => {
    const a = new Mt19937(0xffffffff);
    const b = new Mt19937(-1);
    for (let i = 0; i < 700; i++) expect(a.nextUint32()).toBe(b.nextUint32());
  });
});
