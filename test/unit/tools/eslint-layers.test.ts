import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

/** What a layer may reach, as the rule module describes it. */
interface LayerRules {
  readonly layers: readonly string[];
  readonly typeOnly?: readonly string[];
}

/** The rule module's exports that these tests inspect directly. */
interface LayersModule {
  readonly LAYERS: Readonly<Record<string, LayerRules>>;
  readonly twoWayPairs: (layers?: Readonly<Record<string, LayerRules>>) => [string, string][];
}

async function layersModule(): Promise<LayersModule> {
  return (await import(pathToFileURL(path.join(root, 'electron', 'tools', 'eslint-layers.mjs')).href)) as LayersModule;
}

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

test('no two layers may import each other: the layers are strictly ordered', async () => {
  const { LAYERS, twoWayPairs } = await layersModule();
  assert.deepEqual(twoWayPairs(), []);
  // The check itself finds a pair, whether listed by name or through a parent folder.
  assert.deepEqual(twoWayPairs({ ...LAYERS, 'electron/jobs': { layers: ['electron/jobs', 'electron/workers'] } }), [['electron/jobs', 'electron/workers']]);
  assert.deepEqual(twoWayPairs({ a: { layers: ['a', 'b'] }, b: { layers: ['b'], typeOnly: ['a'] } }), [['a', 'b']]);
  assert.deepEqual(twoWayPairs({ 'x/y': { layers: ['x/y', 'z'] }, z: { layers: ['z', 'x'] } }), [['x/y', 'z']]);
});

test('code that runs in worker threads imports only protocols, storage and shared', async () => {
  const file = 'electron/jobs/receive/example.ts';
  assert.equal((await layerErrors(file, "import { x } from '../../workers/job-channel';\nvoid x;\n")).length, 1);
  assert.equal((await layerErrors(file, "import { x } from '../../services/settings';\nvoid x;\n")).length, 1);
  assert.equal((await layerErrors(file, "import { x } from '../../main/core';\nvoid x;\n")).length, 1);
  assert.deepEqual(
    await layerErrors(
      file,
      "import { a } from '../../protocols/pop3';\nimport { b } from '../../storage/database';\nimport { c } from '../../../shared/errors';\nimport { d } from '../smtp/smtp-job';\nvoid a; void b; void c; void d;\n",
    ),
    [],
  );
});

test('workers do not reach back into services, and main does not reach into the browser bridge', async () => {
  assert.equal((await layerErrors('electron/workers/x.ts', "import { x } from '../services/settings';\nvoid x;\n")).length, 1);
  assert.deepEqual(await layerErrors('electron/workers/x.ts', "import { x } from '../jobs/smtp/smtp-job';\nvoid x;\n"), []);
  assert.equal((await layerErrors('electron/main/x.ts', "import { x } from '../web/server';\nvoid x;\n")).length, 1);
  assert.deepEqual(await layerErrors('electron/main/x.ts', "import { x } from '../static/csp';\nvoid x;\n"), []);
  assert.deepEqual(await layerErrors('electron/web/x.ts', "import { x } from '../static/static-files';\nvoid x;\n"), []);
});

test('the real tree obeys the rule', async () => {
  const results = await eslint.lintFiles(['electron', 'renderer', 'shared']);
  const wrongWay = results.flatMap((result) =>
    result.messages.filter((message) => message.ruleId === 'mailbag/layers').map((message) => `${result.filePath}: ${message.message}`),
  );
  assert.deepEqual(wrongWay, []);
});
