// How the CLI reads option values: each parser throws commander's InvalidArgumentError, a usage error (exit 2).
import { InvalidArgumentError } from 'commander';

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function integer(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

export function decimal(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`expected a number from ${min} to ${max}`);
    return n;
  };
}

export function pixels(value: string): number {
  const n = integer(64, 4096)(value);
  if (n % 8 !== 0) throw new InvalidArgumentError('expected a multiple of 8');
  return n;
}

/** Past any story's length; it bounds what a range like 1-999999999 would list. */
const MAX_FRAME_NUMBER = 100_000;

/** "1,3-5" → [1, 3, 4, 5]: frame numbers as a person counts them (from 1), in the order given, each once. */
export function frameNumbers(value: string): number[] {
  const numbers: number[] = [];
  for (const part of value.split(',')) {
    const range = /^\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?$/.exec(part);
    const [from, to] = [Number(range?.[1]), Number(range?.[2] ?? range?.[1])];
    if (!range || from < 1 || to < from || to > MAX_FRAME_NUMBER) throw new InvalidArgumentError('expected frame numbers from 1, like 1,3-5');
    for (let n = from; n <= to; n++) if (!numbers.includes(n)) numbers.push(n);
  }
  return numbers;
}
