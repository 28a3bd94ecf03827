// The export dialog's choices are kept per project across reloads; what cannot be read falls back to the defaults.
import { expect, it } from 'vitest';
import { INITIAL_CHOICES, loadExportChoices, saveExportChoices, type ChoicesStorage, type ExportChoices } from './export-choices.ts';

function memoryStorage(): ChoicesStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

it('gives back what was saved for the same project, and the defaults for another', () => {
  const storage = memoryStorage();
  const chosen: ExportChoices = {
    format: 'gif',
    pdf: { ...INITIAL_CHOICES.pdf, layout: 'worksheet', paper: 'letter', titlePage: true, notes: true },
    gif: { width: 96, loop: false },
  };
  saveExportChoices(storage, A, chosen);
  expect(loadExportChoices(storage, A)).toEqual(chosen);
  expect(loadExportChoices(storage, B)).toEqual(INITIAL_CHOICES);
});

it('falls back field by field when the saved choices are damaged or from another version', () => {
  const storage = memoryStorage();
  storage.setItem(`onestory.export.${A}`, JSON.stringify({ format: 'tiff', pdf: { panelsPerPage: 4 }, gif: { width: 1 } }));
  // panelsPerPage, saved before layouts had their name, is still read.
  expect(loadExportChoices(storage, A)).toEqual({ format: 'pdf', pdf: { ...INITIAL_CHOICES.pdf, layout: 4 }, gif: INITIAL_CHOICES.gif });
  storage.setItem(`onestory.export.${A}`, '{not json');
  expect(loadExportChoices(storage, A)).toEqual(INITIAL_CHOICES);
});

it('does not fail when the storage refuses to save', () => {
  const full: ChoicesStorage = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
  expect(() => saveExportChoices(full, A, INITIAL_CHOICES)).not.toThrow();
});
