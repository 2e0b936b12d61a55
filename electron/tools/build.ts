/**
 * Builds everything the app runs into out/ (never into build/, which holds electron-builder's
 * resources): the renderer with Vite, and the Node-side entry points with esbuild as CommonJS bundles.
 *
 *   out/renderer/          the UI (served by app:// in Electron and by the browser bridge)
 *   out/electron/main.cjs  Electron main process      out/electron/preload.cjs  sandboxed preload
 *   out/electron/web.cjs   browser bridge             out/electron/cli.cjs      command line (its launcher;
 *                                                     the bundle is cli-main.cjs, run from V8's code cache)
 *   out/electron/*-worker.cjs  worker threads (beside the bundles that start them)
 *   out/electron/code-cache.cjs  runs a worker bundle from V8's code cache under Node
 *   out/electron/messages-LANGUAGE.cjs  each translated catalog, loaded by the bundles that speak it
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build as esbuild, transform, type BuildOptions, type Plugin } from 'esbuild';
import { build as viteBuild } from 'vite';
import react from '@vitejs/plugin-react';
import { BUILD_CLIENT_VARIABLES } from '../../shared/oauth-client-variables';

const root = path.resolve(__dirname, '..', '..');
const outDir = path.join(root, 'out');
/** Native addons and Electron itself are loaded at run time, never bundled. */
const NATIVE_EXTERNALS = ['electron', 'better-sqlite3', 'keytar'];

/**
 * Libraries built into files of their own beside the bundles (out/electron/NAME.cjs) instead of into
 * each bundle: the code that needs them loads them on first use, so a command or a worker that never
 * does (`mailbag list`, `search`, …) neither compiles nor runs them at start. mailparser brings
 * mailsplit, libmime and iconv-lite's character set tables: a third of the command line's bundle;
 * pst-extractor is needed by Outlook imports only.
 */
const SEPARATE_LIBRARIES = ['mailparser', 'pst-extractor'];

/** Imports of SEPARATE_LIBRARIES become loads of their own files, found beside the importing bundle. */
const separateLibraries: Plugin = {
  name: 'separate-libraries',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${SEPARATE_LIBRARIES.join('|')})$`) }, (args) =>
      args.kind === 'entry-point' ? undefined : { path: `./${args.path}.cjs`, external: true },
    );
  },
};

/**
 * The translated catalogs (shared/i18n/messages-LANGUAGE.ts) built into files of their own beside the
 * bundles (out/electron/messages-de.cjs, …), so a command, a worker or the main process neither reads
 * nor evaluates the languages it does not speak: only English (error messages are English too) is in
 * every bundle. The areas' other languages are left out of the bundles by tree shaking, as nothing in
 * them refers to them any more.
 */
const TRANSLATED_LANGUAGES = ['de', 'fr', 'ar'];

/**
 * catalogs.ts's import of a translated catalog becomes a module whose export, read when catalogOf first
 * asks for that language, loads the language's own file (esbuild's imports keep a bundled CommonJS
 * module's exports as getters, so nothing is loaded at start).
 */
const separateTranslations: Plugin = {
  name: 'separate-translations',
  setup(build) {
    const catalogs = path.join(root, 'shared', 'i18n', 'catalogs.ts');
    build.onResolve({ filter: new RegExp(`^\\./messages-(${TRANSLATED_LANGUAGES.join('|')})$`) }, (args) =>
      args.importer === catalogs ? { path: args.path.slice(2), namespace: 'separate-translation' } : undefined,
    );
    // The file the module loads stays a file of its own, found beside the bundle at run time.
    build.onResolve({ filter: /.*/, namespace: 'separate-translation' }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'separate-translation' }, (args) => {
      const name = `${args.path.slice('messages-'.length).toUpperCase()}_MESSAGES`;
      return {
        contents: `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => require(${JSON.stringify(`./${args.path}.cjs`)}).${name} });`,
        loader: 'js',
      };
    });
  },
};

/** Libraries and addons the bundles load on first use with `import()` rather than at start. */
const LAZY_EXTERNALS = ['keytar', ...SEPARATE_LIBRARIES];

/**
 * `import()` of a lazily loaded library becomes a `require` at the same moment (esbuild's own rewrite
 * of a dynamic import of bundled code): the command line runs its bundle from V8's code cache through
 * node:vm, where a script has no module loader for `import()` (electron/cli/code-cache.ts).
 */
const lazyRequire: Plugin = {
  name: 'lazy-require',
  setup(build) {
    const names = new RegExp(`^(${LAZY_EXTERNALS.join('|')})$`);
    build.onResolve({ filter: names }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'lazy-require' } : undefined));
    // The required name is external again (NATIVE_EXTERNALS, or a file of its own by separateLibraries).
    build.onLoad({ filter: /.*/, namespace: 'lazy-require' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

async function buildRenderer(): Promise<void> {
  await viteBuild({
    configFile: false,
    root: path.join(root, 'renderer'),
    publicDir: path.join(root, 'renderer', 'public'),
    base: '/',
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir: path.join(outDir, 'renderer'),
      emptyOutDir: true,
      sourcemap: true,
      target: 'chrome120',
      // Inline assets would be data: URLs; keep everything as files under the strict CSP.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
    },
  });
}

/** The OAuth client variables set in the build's environment, compiled into the bundles. */
function buildOAuthClients(): Record<string, string> {
  return Object.fromEntries(
    BUILD_CLIENT_VARIABLES.flatMap((name) => {
      const value = process.env[name];
      return value === undefined || value === '' ? [] : [[name, value]];
    }),
  );
}

async function buildNode(): Promise<void> {
  const workers = readdirSync(path.join(root, 'electron', 'workers'))
    .filter((file) => file.endsWith('-worker.ts') && file !== 'start-worker.ts')
    .map((file) => ({ in: path.join(root, 'electron', 'workers', file), out: file.replace(/\.ts$/, '') }));
  rmSync(path.join(outDir, 'electron'), { recursive: true, force: true });
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    outdir: path.join(outDir, 'electron'),
    outExtension: { '.js': '.cjs' },
    logLevel: 'warning',
    // OAuth client ids configured at build time; the same variables at run time override them.
    define: { MAILBAG_BUILD_OAUTH_CLIENTS: JSON.stringify(buildOAuthClients()) },
  };
  await Promise.all([
    esbuild({
      ...common,
      entryPoints: [
        { in: path.join(root, 'electron', 'main', 'index.ts'), out: 'main' },
        { in: path.join(root, 'electron', 'web', 'main.ts'), out: 'web' },
        // cli.cjs (package.json's "bin") runs cli-main.cjs from V8's code cache: see electron/cli/launcher.ts.
        { in: path.join(root, 'electron', 'cli', 'launcher.ts'), out: 'cli' },
        { in: path.join(root, 'electron', 'cli', 'main.ts'), out: 'cli-main' },
        // Under Node, workers start through it from V8's code cache: see electron/workers/start-worker.ts.
        { in: path.join(root, 'electron', 'cli', 'code-cache.ts'), out: 'code-cache' },
        ...workers,
        ...SEPARATE_LIBRARIES.map((library) => ({ in: library, out: library })),
        ...TRANSLATED_LANGUAGES.map((language) => ({
          in: path.join(root, 'shared', 'i18n', `messages-${language}.ts`),
          out: `messages-${language}`,
        })),
      ],
      plugins: [lazyRequire, separateLibraries, separateTranslations],
      // Libraries are bundled too: resolving and loading hundreds of package files one by one made every
      // `mailbag` command and every worker start slowly (measured: list start-up dominated by it).
      external: NATIVE_EXTERNALS,
      banner: { js: '#!/usr/bin/env node' },
    }),
    // The sandboxed preload can require nothing but 'electron': everything else is bundled in.
    esbuild({
      ...common,
      entryPoints: [{ in: path.join(root, 'electron', 'preload', 'index.ts'), out: 'preload' }],
      external: ['electron'],
      target: 'chrome120',
    }),
  ]);
}

/** Any character outside ASCII, as UTF-16 code units (a character outside the BMP is two of them). */
const NON_ASCII = /[\u0080-\uffff]/g;

/**
 * Makes every bundle ASCII-only. V8 holds a source with a single other character as a string of two
 * bytes per character: reading the command line's 3 MB bundle as UTF-8 then took three times as long,
 * and so did checking it against its code cache, at every start. esbuild escapes the strings, templates
 * and identifiers it writes; what it leaves are comments (and regular expression literals, which the
 * sources write with \u escapes instead). Each character left becomes "?" (one per UTF-16 unit, so
 * lines, columns and the source maps stay right), and the build proves nothing but comments changed:
 * the file minified (which drops comments) must read the same before and after.
 */
async function asciiOnlyBundles(): Promise<void> {
  const directory = path.join(outDir, 'electron');
  const bundles = readdirSync(directory).filter((file) => file.endsWith('.cjs'));
  const minified = async (code: string): Promise<string> => (await transform(code, { loader: 'js', minify: true, legalComments: 'none' })).code;
  const refused = await Promise.all(
    bundles.map(async (file) => {
      const bundle = path.join(directory, file);
      const source = readFileSync(bundle, 'utf8');
      const ascii = source.replace(NON_ASCII, '?');
      if (ascii === source) return [];
      const [before, after] = await Promise.all([minified(source), minified(ascii)]);
      if (before !== after) return [file];
      writeFileSync(bundle, ascii);
      return [];
    }),
  );
  if (refused.flat().length > 0) {
    throw new Error(`${refused.flat().join(', ')}: characters outside ASCII outside comments (write them with \\u escapes)`);
  }
}

Promise.all([buildRenderer(), buildNode().then(asciiOnlyBundles)]).then(
  () => process.stdout.write(`Built into ${path.relative(process.cwd(), outDir) || outDir}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
