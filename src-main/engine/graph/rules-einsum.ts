// Einsum's output shape from its equation: explicit ("bhqd,bhkd->bhqk") or implicit (no "->": the
// letters used once, alphabetically), with "..." standing for broadcast leading axes.
import type { ShapeRule } from './node-view.ts';
import { broadcastDims, tensor, Undetermined } from './tensor-math.ts';

const ELLIPSIS = '...';

export const einsum: ShapeRule = (n) => {
  const equation = n.string('equation', '').replace(/\s/g, '');
  const [lhs, rhs] = equation.split('->');
  const terms = lhs.split(',');
  const inputs = n.present();
  if (terms.length !== inputs.length) throw new Undetermined(`equation "${equation}" names ${terms.length} operands for ${inputs.length} inputs`);
  const letters = new Map<string, number>();
  const ellipses: number[][] = [];
  terms.forEach((term, k) => {
    const dims = inputs[k].dims;
    const [before, after = ''] = term.split(ELLIPSIS);
    const hasEllipsis = term.includes(ELLIPSIS);
    const covered = before.length + after.length;
    if (hasEllipsis ? covered > dims.length : covered !== dims.length) throw new Undetermined(`term "${term}" does not fit rank ${dims.length}`);
    const ellipsisRank = dims.length - covered;
    if (hasEllipsis) ellipses.push(dims.slice(before.length, before.length + ellipsisRank));
    [...before].forEach((letter, i) => bind(letters, letter, dims[i]));
    [...after].forEach((letter, i) => bind(letters, letter, dims[before.length + ellipsisRank + i]));
  });
  const ellipsisDims = ellipses.length ? broadcastDims(ellipses) : [];
  const output = rhs ?? implicitOutput(terms, ellipses.length > 0);
  const [before, after = ''] = output.split(ELLIPSIS);
  const dimOf = (letter: string) => {
    const d = letters.get(letter);
    if (d === undefined) throw new Undetermined(`output letter "${letter}" is in no input`);
    return d;
  };
  const dims = [...[...before].map(dimOf), ...(output.includes(ELLIPSIS) ? ellipsisDims : []), ...[...after].map(dimOf)];
  return [tensor(dims, inputs[0].elemType)];
};

/** A letter's size is the same wherever it appears, except where one operand broadcasts it from 1. */
function bind(letters: Map<string, number>, letter: string, dim: number): void {
  const known = letters.get(letter);
  if (known !== undefined && known !== dim && known !== 1 && dim !== 1) throw new Undetermined(`letter "${letter}" is both ${known} and ${dim}`);
  letters.set(letter, known === undefined || known === 1 ? dim : known);
}

function implicitOutput(terms: string[], hasEllipsis: boolean): string {
  const counts = new Map<string, number>();
  for (const letter of terms.join('').replaceAll(ELLIPSIS, '')) counts.set(letter, (counts.get(letter) ?? 0) + 1);
  const once = [...counts].filter(([, c]) => c === 1).map(([l]) => l).sort();
  return (hasEllipsis ? ELLIPSIS : '') + once.join('');
}
