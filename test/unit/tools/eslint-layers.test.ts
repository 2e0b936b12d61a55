import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

/** Lints a snippet as if it were the given file, returning the layer rule's errors. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  assert.ok(result, 'ESLint returned no result');
  return result.messages
    .filter((message) => message.ruleId === 'mailbag/layers')
    .map((message) => {
      assert.equal(message.severity, 2, 'a wrong-way import must be an error, not a warning');
      return message.message;
    });
}

test('protocols may not import electron, services or storage', async () => {
  const file = 'electron/protocols/pop3/example.ts';
  assert.equal((await layerErrors(file, "import { app } from 'electron';\nvoid app;\n")).length, 1);
  assert.equal((await layerErrors(file, "import { x } from '../../services/settings';\nvoid x;\n")).length, 1);
  assert.equal((await layerErrors(file, "import { x } from '../../storage/database';\nvoid x;\n")).length, 1);
  assert.deepEqual(await layerErrors(file, "import net from 'node:net';\nimport { x } from '../../../shared/errors';\nvoid net; void x;\n"), []);
});

test('storage may not import protocols or services', async () => {
  const file = 'electron/storage/example.ts';
  assert.equal((await layerErrors(file, "import { x } from '../protocols/pop3/index';\nvoid x;\n")).length, 1);
  assert.equal((await layerErrors(file, "export * from '../services/settings';\n")).length, 1);
});

test('only electron/main and electron/preload may import electron', async () => {
  const code = "const { app } = require('electron');\nvoid app;\n";
  for (const file of ['electron/services/x.ts', 'electron/workers/x.ts', 'electron/web/x.ts', 'shared/x.ts', 'renderer/x.ts']) {
    assert.equal((await layerErrors(file, code)).length, 1, file);
  }
  assert.deepEqual(await layerErrors('electron/main/x.ts', code), []);
  assert.deepEqual(await layerErrors('electron/preload/x.ts', code), []);
});

test('shared imports nothing outside itself, not even Node', async () => {
  assert.equal((await layerErrors('shared/x.ts', "import fs from 'node:fs';\nvoid fs;\n")).length, 1);
  assert.equal((await layerErrors('shared/x.ts', "import { y } from '../electron/ipc/registry';\nvoid y;\n")).length, 1);
  assert.deepEqual(await layerErrors('shared/ipc/x.ts', "import { z } from 'zod';\nimport { y } from '../errors';\nvoid z; void y;\n"), []);
});

test('the renderer reaches main only through a type-only import of the preload', async () => {
  const file = 'renderer/views/x.tsx';
  assert.equal((await layerErrors(file, "import { createCore } from '../../electron/main/core';\nvoid createCore;\n")).length, 1);
  assert.equal((await layerErrors(file, "import { api } from '../../electron/preload/index';\nvoid api;\n")).length, 1);
  assert.equal((await layerErrors(file, "import fs from 'fs';\nvoid fs;\n")).length, 1);
  assert.deepEqual(await layerErrors(file, "import type { PreloadApi } from '../../electron/preload/index';\nexport type A = PreloadApi;\n"), []);
});

test('the preload imports only electron and shared', async () => {
  const file = 'electron/preload/x.ts';
  assert.equal((await layerErrors(file, "import path from 'node:path';\nvoid path;\n")).length, 1);
  assert.equal((await layerErrors(file, "import { x } from '../services/settings';\nvoid x;\n")).length, 1);
});

test('the real tree obeys the rule', async () => {
  const results = await eslint.lintFiles(['electron', 'renderer', 'shared']);
  const wrongWay = results.flatMap((result) =>
    result.messages.filter((message) => message.ruleId === 'mailbag/layers').map((message) => `${result.filePath}: ${message.message}`),
  );
  assert.deepEqual(wrongWay, []);
});
