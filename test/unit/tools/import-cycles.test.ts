/** The import-cycle check of `npm run lint`. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { projectCycles } from '../../../electron/tools/import-cycles';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cycles-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

test('finds each cycle, through type-only imports, re-exports, index files and into tsx', () => {
  const root = tree({
    'electron/a.ts': "import { b } from './b';\nexport const a = b;",
    'electron/b.ts': "export { c as b } from './deep/c';",
    'electron/deep/c.ts': "import type { A } from '../a';\nexport const c = 1;\nexport type C = A;",
    'electron/self.ts': "import './self';",
    'electron/one-way.ts': "import { a } from './a';\nimport x from 'react';\nexport const d = [a, x];",
    'shared/index.ts': "import { s } from './s';\nexport const i = s;",
    'shared/s.ts': "import { i } from './';\nexport const s = 1 + i;",
    'renderer/view.tsx': "import { helper } from './helper';\nexport const view = helper;",
    'renderer/helper.ts': "import { view } from './view';\nexport const helper = view;",
    'renderer/types.d.ts': "import './view';",
  });
  assert.deepEqual(
    projectCycles(root).sort((left, right) => (left[0] ?? '').localeCompare(right[0] ?? '')),
    [
      ['electron/a.ts', 'electron/b.ts', 'electron/deep/c.ts', 'electron/a.ts'],
      ['electron/self.ts', 'electron/self.ts'],
      ['renderer/helper.ts', 'renderer/view.tsx', 'renderer/helper.ts'],
      ['shared/index.ts', 'shared/s.ts', 'shared/index.ts'],
    ],
  );
});

test('a tree whose imports all go one way has no cycle', () => {
  const root = tree({ 'electron/a.ts': "import './b';", 'electron/b.ts': "import '../shared/c';", 'shared/c.ts': 'export {};' });
  assert.deepEqual(projectCycles(root), []);
});

test('Mailbag’s own electron/, shared/ and renderer/ have no import cycle', () => {
  assert.deepEqual(projectCycles(path.resolve(__dirname, '..', '..', '..')), []);
});
