// ConsiStory+ (../shared/benchmarks/consistory-plus.yaml): per category, story sets of
// { concept_token, style, subject, settings: [frame prompts] }. The identity prompt is "<style> <subject>" and each
// setting is a frame prompt, as 1Prompt1Story builds its stories from the file. The file is PyYAML's dump of plain
// mappings and lists, so this reads that shape only (plain, '…' and "…" scalars, folded continuation lines) rather
// than bringing in a YAML library; anything else fails naming the line.
import { readFile } from 'node:fs/promises';

export interface BenchmarkSet {
  /** "<category>-<index within the category>", e.g. animals-0 */
  id: string;
  category: string;
  conceptToken: string;
  identityPrompt: string;
  framePrompts: string[];
}

interface RawSet {
  fields: Record<string, string>;
  settings: string[];
}

export function parseConsistoryPlus(text: string, source = 'consistory-plus.yaml'): BenchmarkSet[] {
  const sets: BenchmarkSet[] = [];
  let category: string | null = null;
  let index = 0;
  let current: RawSet | null = null;
  // where a continuation line goes: the last scalar started
  let continueScalar: ((more: string) => void) | null = null;
  const finish = () => {
    if (!current || !category) return;
    const { fields, settings } = current;
    const style = decode(fields.style ?? '');
    const subject = decode(fields.subject ?? '');
    if (!subject || settings.length === 0) throw new Error(`${source}: set ${category}-${index} has no subject or no settings`);
    sets.push({ id: `${category}-${index}`, category, conceptToken: decode(fields.concept_token ?? ''), identityPrompt: [style, subject].filter(Boolean).join(' '), framePrompts: settings.map(decode) });
    index++;
    current = null;
  };
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^([A-Za-z_]+):$/))) {
      finish();
      category = m[1];
      index = 0;
    } else if ((m = line.match(/^- ([a-z_]+): ?(.*)$/)) && category) {
      finish();
      current = { fields: { [m[1]]: m[2] }, settings: [] };
      const key = m[1];
      const set = current;
      continueScalar = (more) => (set.fields[key] += ` ${more}`);
    } else if ((m = line.match(/^ {2}([a-z_]+): ?(.*)$/)) && current) {
      const key = m[1];
      const set = current;
      set.fields[key] = m[2];
      continueScalar = (more) => (set.fields[key] += ` ${more}`);
    } else if ((m = line.match(/^ {2}- (.*)$/)) && current) {
      const set = current;
      const at = set.settings.push(m[1]) - 1;
      continueScalar = (more) => (set.settings[at] += ` ${more}`);
    } else if ((m = line.match(/^ {4}(\S.*)$/)) && continueScalar) {
      continueScalar(m[1]);
    } else {
      throw new Error(`${source}:${i + 1}: unexpected line for ConsiStory+'s layout: ${line.slice(0, 80)}`);
    }
  });
  finish();
  return sets;
}

/** A scalar as PyYAML wrote it: plain, single-quoted ('' for ') or double-quoted (\uXXXX, \xHH escapes). */
function decode(raw: string): string {
  const value = raw.trim();
  if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) return value.slice(1, -1).replaceAll("''", "'");
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) return JSON.parse(value.replace(/\\x([0-9A-Fa-f]{2})/g, '\\u00$1')) as string;
  return value;
}

export async function readConsistoryPlus(path: string): Promise<BenchmarkSet[]> {
  return parseConsistoryPlus(await readFile(path, 'utf8'), path);
}
