// The process-boundary rule: which folder may import which. It is part of the lint configuration and
// an error from the first day, so a wrong-way import fails `npm run lint` and therefore `npm test`.
import { builtinModules } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const NODE_BUILTINS = new Set(builtinModules);

/** The services and every main-process layer they build on, highest first: what main and cli reach through them. */
const SERVICES_AND_BELOW = ['electron/services', 'electron/workers', 'electron/jobs', 'electron/protocols', 'electron/storage'];

/**
 * For each layer: the layers it may import (by relative path), whether it may use Node's built-ins,
 * and which npm packages it may use (`*` = any except `electron`, unless `electron` is listed).
 *
 * The layers are strictly ordered, lowest first: shared; protocols, storage and static (peers that never
 * import each other); jobs (what runs inside worker threads); workers (entry points, the job channel,
 * message unions, main-thread clients); services; ipc; main; web and cli (entry points of their own
 * processes). A layer imports only layers below it, so no two layers import each other
 * (`twoWayPairs` below finds any that would, and a unit test keeps the list empty).
 */
export const LAYERS = {
  shared: { layers: ['shared'], node: false, packages: ['zod', '@formatjs/intl'] },
  renderer: {
    layers: ['renderer', 'shared'],
    typeOnly: ['electron/preload'],
    node: false,
    packages: ['react', 'react-dom', 'react-intl', 'zod', 'dompurify', '@tanstack/react-virtual'],
  },
  'electron/protocols': { layers: ['electron/protocols', 'shared'], node: true, packages: ['*'] },
  'electron/storage': { layers: ['electron/storage', 'shared'], node: true, packages: ['*'] },
  'electron/static': { layers: ['electron/static', 'shared'], node: true, packages: ['*'] },
  'electron/jobs': { layers: ['electron/jobs', 'electron/protocols', 'electron/storage', 'shared'], node: true, packages: ['*'] },
  'electron/workers': { layers: ['electron/workers', 'electron/jobs', 'electron/protocols', 'electron/storage', 'shared'], node: true, packages: ['*'] },
  'electron/services': { layers: [...SERVICES_AND_BELOW, 'shared'], node: true, packages: ['*'] },
  'electron/ipc': { layers: ['electron/ipc', 'electron/services', 'shared'], node: true, packages: ['*'] },
  'electron/main': {
    layers: ['electron/main', 'electron/ipc', ...SERVICES_AND_BELOW, 'electron/static', 'shared'],
    node: true,
    packages: ['*', 'electron'],
  },
  'electron/web': {
    layers: ['electron/web', 'electron/main', 'electron/ipc', 'electron/services', 'electron/storage', 'electron/static', 'shared'],
    node: true,
    packages: ['*'],
  },
  'electron/cli': {
    layers: ['electron/cli', 'electron/main', 'electron/ipc', ...SERVICES_AND_BELOW, 'shared'],
    node: true,
    packages: ['*'],
  },
  'electron/preload': { layers: ['electron/preload', 'shared'], node: false, packages: ['electron'] },
  'electron/tools': { layers: ['electron/tools', 'electron/main', 'shared'], node: true, packages: ['*'] },
  test: { layers: ['test', 'electron', 'renderer', 'shared'], node: true, packages: ['*', 'electron'] },
};

/** Whether a layer's rules let it import (or type-import) anything in `target`. */
function mayImport(rules, target) {
  return [...rules.layers, ...(rules.typeOnly ?? [])].some((name) => target === name || target.startsWith(`${name}/`) || name.startsWith(`${target}/`));
}

/**
 * Every pair of distinct layers that may import each other. The layering is a strict order only while
 * this is empty: a two-way pair lets code on either side grow a cycle between them.
 */
export function twoWayPairs(layers = LAYERS) {
  const names = Object.keys(layers);
  const pairs = [];
  for (const [index, first] of names.entries()) {
    for (const second of names.slice(index + 1)) {
      if (mayImport(layers[first], second) && mayImport(layers[second], first)) pairs.push([first, second]);
    }
  }
  return pairs;
}

const LAYER_NAMES = Object.keys(LAYERS).sort((a, b) => b.length - a.length);

function layerOf(relativePath) {
  const normalized = relativePath.split(path.sep).join('/');
  return LAYER_NAMES.find((name) => normalized === name || normalized.startsWith(`${name}/`));
}

function within(target, allowed) {
  return allowed.some((name) => target === name || target.startsWith(`${name}/`));
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function problem(rules, fromLayer, specifier, filename, typeOnly) {
  if (specifier.startsWith('.')) {
    const target = path
      .relative(ROOT, path.resolve(path.dirname(filename), specifier))
      .split(path.sep)
      .join('/');
    if (target.startsWith('..')) return `${fromLayer} may not import from outside the project (${specifier}).`;
    if (within(target, rules.layers)) return null;
    if (typeOnly && within(target, rules.typeOnly ?? [])) return null;
    return `${fromLayer} may not import ${target} (allowed: ${rules.layers.join(', ')}${rules.typeOnly ? `; type-only: ${rules.typeOnly.join(', ')}` : ''}).`;
  }
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(bare)) {
    return rules.node ? null : `${fromLayer} runs without Node.js and may not import ${specifier}.`;
  }
  const name = packageName(specifier);
  if (name === 'electron') {
    return rules.packages.includes('electron') ? null : `Only electron/main and electron/preload may import 'electron' (not ${fromLayer}).`;
  }
  if (rules.packages.includes('*') || rules.packages.includes(name)) return null;
  return `${fromLayer} may not use the package ${name} (allowed: ${rules.packages.join(', ')}).`;
}

/** ESLint rule `mailbag/layers`. */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps imports inside the process boundaries of ARCHITECTURE.md' },
    schema: [],
    messages: { wrongWay: '{{message}}' },
  },
  create(context) {
    const filename = context.filename;
    const fromLayer = layerOf(path.relative(ROOT, filename));
    if (fromLayer === undefined) return {};
    const rules = LAYERS[fromLayer];
    const check = (node, source, typeOnly) => {
      if (typeof source !== 'string') return;
      const message = problem(rules, fromLayer, source, filename, typeOnly);
      if (message !== null) context.report({ node, messageId: 'wrongWay', data: { message } });
    };
    return {
      ImportDeclaration(node) {
        const typeOnly = node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((specifier) => specifier.importKind === 'type'));
        check(node, node.source.value, typeOnly);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value, false);
      },
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0].value, false);
        }
      },
    };
  },
};
