// Proves the lint rules that keep the layers apart really fire (README "Architecture").
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering rules', () => {
  it('src-shared may not import Node, host libraries or the main process', async () => {
    expect(await layeringErrors('src-shared/domain/x.ts', "import { readFileSync } from 'node:fs';\nreadFileSync('a');\n")).not.toEqual([]);
    expect(await layeringErrors('src-shared/domain/x.ts', "import Database from 'better-sqlite3';\nnew Database('a');\n")).not.toEqual([]);
    expect(await layeringErrors('src-shared/domain/x.ts', "import { x } from '../../src-main/config/paths.ts';\nx();\n")).not.toEqual([]);
  });

  it('the engine may not import electron, the store or transports', async () => {
    expect(await layeringErrors('src-main/engine/x.ts', "import { app } from 'electron';\napp.quit();\n")).not.toEqual([]);
    expect(await layeringErrors('src-main/engine/x.ts', "import { openStore } from '../store/store.ts';\nopenStore('a');\n")).not.toEqual([]);
  });

  it('the renderer may import only src-shared', async () => {
    expect(await layeringErrors('src-renderer/src/x.ts', "import { x } from '../../src-main/service/dispatch.ts';\nx();\n")).not.toEqual([]);
    expect(await layeringErrors('src-renderer/src/x.ts', "import { join } from 'node:path';\njoin();\n")).not.toEqual([]);
    expect(await layeringErrors('src-renderer/src/x.ts', "import { contract } from '../../src-shared/contract/index.ts';\ncontract;\n")).toEqual([]);
  });

  it('exports sit below the service', async () => {
    expect(await layeringErrors('src-main/export/x.ts', "import { createService } from '../service/service.ts';\ncreateService;\n")).not.toEqual([]);
  });

  it('the service may not import transports', async () => {
    expect(await layeringErrors('src-main/service/x.ts', "import { runCli } from '../transports/cli/main.ts';\nrunCli([]);\n")).not.toEqual([]);
  });
});
