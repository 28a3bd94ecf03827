import { describe, expect, it } from 'vitest';
import { ApiError, type OnestoryBridge, type ResultEnvelope } from '../../../src-shared/contract/index.ts';
import { DEFAULT_SETTINGS } from '../../../src-shared/domain/index.ts';
import { createElectronTransport } from './electron.ts';

/** A bridge whose file dialogs are never used. */
const noDialogs = {
  saveExport: () => Promise.reject(new Error('unused')),
  importProjectFile: () => Promise.reject(new Error('unused')),
  saveImage: () => Promise.reject(new Error('unused')),
  dragImageOut: () => {},
};

describe('createElectronTransport', () => {
  it('unwraps envelopes into values and ApiErrors', async () => {
    const answers: Record<string, ResultEnvelope> = {
      'projects.list': { ok: true, value: [] },
      'projects.get': { ok: false, error: { code: 'not_found', message: 'No project with id x' } },
    };
    const bridge: OnestoryBridge = {
      api: Object.fromEntries(Object.entries(answers).map(([name, answer]) => [name, async () => answer])),
      onEvent: () => () => {},
      ...noDialogs,
    };
    const transport = createElectronTransport(bridge);
    await expect(transport.invoke('projects.list', {})).resolves.toEqual([]);
    const error = await transport.invoke('projects.get', { id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'not_found', message: 'No project with id x' });
    await expect(transport.invoke('frames.add', {})).rejects.toThrow(/does not offer "frames.add"/);
  });

  it('passes on valid events only', () => {
    let push: (message: unknown) => void = () => {};
    const bridge: OnestoryBridge = { api: {}, onEvent: (listener) => ((push = listener), () => {}), ...noDialogs };
    const received: unknown[] = [];
    createElectronTransport(bridge).subscribe((m) => received.push(m));
    push({ event: 'projects.changed', payload: {} });
    push({ event: 'projects.changed', payload: { extra: 1 } });
    push({ event: 'no.such.event', payload: {} });
    push('garbage');
    expect(received).toEqual([{ event: 'projects.changed', payload: {} }]);
  });

  it('loads images from the app scheme', () => {
    const transport = createElectronTransport({ api: {}, onEvent: () => () => {}, ...noDialogs });
    const id = '0b6c1f9e-2a1d-4c3b-9e8f-7a6b5c4d3e2f';
    expect(transport.imageUrl(id, 'thumb')).toBe(`onestory-image://app/images/${id}/thumb.png`);
  });

  it('saves exports and imports project files through the main process dialogs', async () => {
    const project = { id: '0b6c1f9e-2a1d-4c3b-9e8f-7a6b5c4d3e2f', name: 'Story', identityPrompt: '', negativePrompt: '', modelId: null, settings: DEFAULT_SETTINGS, createdAt: 0, updatedAt: 0 };
    const saved: string[] = [];
    let picked: ResultEnvelope = { ok: true, value: null };
    const transport = createElectronTransport({
      api: {},
      onEvent: () => () => {},
      saveExport: async (exportId) => (saved.push(exportId), { ok: true, value: { saved: exportId === 'yes' } }),
      importProjectFile: async () => picked,
      saveImage: async (renderId, fileName) => (saved.push(`${renderId} as ${fileName}`), { ok: true, value: { saved: true } }),
      dragImageOut: () => {},
    });
    await expect(transport.deliverExport('yes', 'a.pdf')).resolves.toBe(true);
    await expect(transport.deliverExport('no', 'a.pdf')).resolves.toBe(false);
    expect(saved).toEqual(['yes', 'no']);
    await expect(transport.saveImage('r1', 'Frame 1.png')).resolves.toBe(true);
    expect(saved.at(-1)).toBe('r1 as Frame 1.png');
    await expect(transport.importProjectFile()).resolves.toBeNull();
    picked = { ok: true, value: { project, frames: 2, renders: 3, idsKept: true, missingModel: null } };
    await expect(transport.importProjectFile()).resolves.toEqual({ project, frames: 2, renders: 3, idsKept: true, missingModel: null });
    picked = { ok: false, error: { code: 'invalid_input', message: 'x.onestory is not an Onestory project file' } };
    await expect(transport.importProjectFile()).rejects.toMatchObject({ code: 'invalid_input', message: 'x.onestory is not an Onestory project file' });
  });
});
