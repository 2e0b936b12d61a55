/**
 * Runs a built CommonJS file (a bundle of out/electron) from V8's code cache when one is there, so it
 * starts without parsing and compiling its code again: the command line's bundle (through its launcher,
 * cli.cjs), the worker bundles the command line starts, and the files of their own those bundles load
 * beside them (mailparser.cjs, a language's catalog). A run that finds no cache writes it beside the
 * file, replacing it atomically; where that directory is not writable (an installed package), the file
 * simply compiles as it would without a cache. A cache is used only for the file it was made from (its
 * size and modification time head the cache file: V8 itself compares the source's length only) and
 * only when V8 accepts it (same V8 version and flags); otherwise it is rewritten.
 */
import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Suffix of the code cache beside the file it was made for. */
const CACHE_SUFFIX = '.v8-cache';

/** Node's CommonJS internals a module loaded by hand needs (present in every Node version Mailbag runs on). */
interface ModuleInternals {
  wrap(source: string): string;
  _nodeModulePaths(directory: string): string[];
}

type ModuleWrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

/** When a missing or refused cache is written: as the process exits (with every function the run compiled), or at once. */
export type CacheWriting = 'at-exit' | 'after-start';

/**
 * The event a bundle run with 'at-exit' emits on `process` each time it has loaded one more part of its
 * program: the command line emits it once it has loaded a command and the services it opens, and again
 * each time the core wires a part of the services it builds on first use. A cache written by a run that loaded fewer
 * parts (`mailbag --version`, then `mailbag list`) lacks their code, so the first run that loads more
 * writes it again.
 */
export const PROGRAM_LOADED_EVENT = 'mailbag:program-loaded';

/** Starts the line after the key line: how many parts of its program the run that wrote the cache had loaded. */
const LOADED_PREFIX = 'loaded ';

/** What a cache file starts with: the file it belongs to, then a newline, then the parts line, then V8's data. */
function cacheKey(filename: string): string {
  const { size, mtimeMs } = statSync(filename);
  return `${size}:${mtimeMs}\n`;
}

/** A cache file's V8 data, and how many parts of its program the run that wrote it had loaded. */
interface Cache {
  readonly data: Buffer;
  readonly parts: number;
}

/** The cache in the cache file when the file was made for this bundle (`key`); undefined otherwise. */
function readCache(file: string, key: string): Cache | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  if (data.subarray(0, key.length).toString('latin1') !== key) return undefined;
  const end = data.indexOf(0x0a, key.length);
  const line = end < 0 ? '' : data.subarray(key.length, end).toString('latin1');
  if (!/^loaded \d{1,3}$/.test(line)) return undefined;
  return { data: data.subarray(end + 1), parts: Number(line.slice(LOADED_PREFIX.length)) };
}

/** Writes the cache through a temporary file and a rename, so a reader never sees half of it; best effort. */
function writeCache(file: string, key: string, data: Buffer, parts: number): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${key}${LOADED_PREFIX}${parts}\n`, 'latin1'), data]), { mode: 0o644 });
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/**
 * The source of a built file, as Node would wrap it. The build writes every bundle in ASCII only
 * (electron/tools/build.ts): such bytes read as Latin-1 are the same text, made at a fraction of the
 * cost of decoding UTF-8 (measured on the command line's 3 MB bundle: 0.6 ms instead of 14 ms).
 */
function readSource(filename: string): string {
  const bytes = readFileSync(filename);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  // A bundle starts with a #! line; inside the module wrapper it must be a comment (same line count).
  return source.startsWith('#!') ? `//${source.slice(2)}` : source;
}

/** A file of its own beside `directory` that a bundle loads by a relative `./NAME.cjs`, or undefined for anything else. */
function siblingBundle(request: string, directory: string): string | undefined {
  return /^\.\/[\w-]+\.cjs$/.test(request) ? path.join(directory, request.slice(2)) : undefined;
}

/**
 * Runs the CommonJS file `filename` as Node would load it (its module registered under its name, so a
 * second load gets the same exports), compiled from its code cache when V8 accepts it; when there was
 * none or V8 refused it, a new one is written (`writing`). The files it loads beside it by `./NAME.cjs`
 * run the same way. Returns the module's exports.
 */
export function runWithCodeCache(filename: string, writing: CacheWriting = 'after-start'): unknown {
  const known = require.cache[filename];
  if (known !== undefined) return known.exports;
  const internals = Module as unknown as ModuleInternals;
  const directory = path.dirname(filename);
  const cacheFile = `${filename}${CACHE_SUFFIX}`;
  const source = readSource(filename);
  const key = cacheKey(filename);
  const cache = readCache(cacheFile, key);
  const script = new vm.Script(internals.wrap(source), {
    filename,
    ...(cache === undefined ? {} : { cachedData: cache.data }),
  });
  const stale = cache === undefined || script.cachedDataRejected === true;
  if (writing === 'at-exit') {
    let parts = 0;
    const onLoaded = (): void => {
      parts += 1;
    };
    process.on(PROGRAM_LOADED_EVENT, onLoaded);
    process.once('exit', () => {
      process.removeListener(PROGRAM_LOADED_EVENT, onLoaded);
      // Written again by the first run that loads more of the program than the run that wrote it.
      if (stale || cache.parts < parts) writeCache(cacheFile, key, script.createCachedData(), parts);
    });
  }
  const loaded = new Module(filename, module);
  loaded.filename = filename;
  loaded.paths = internals._nodeModulePaths(directory);
  require.cache[filename] = loaded;
  const load = (request: string): unknown => {
    const sibling = siblingBundle(request, directory);
    return sibling === undefined ? loaded.require(request) : runWithCodeCache(sibling);
  };
  const loadedRequire = Object.assign(load, {
    resolve: Object.assign((request: string) => require.resolve(request, { paths: [directory] }), { paths: () => loaded.paths }),
    main: require.main,
    cache: require.cache,
    extensions: require.extensions,
  }) as NodeJS.Require;
  const wrapper = script.runInThisContext() as ModuleWrapper;
  try {
    wrapper.call(loaded.exports, loaded.exports, loadedRequire, loaded, filename, directory);
  } catch (error) {
    delete require.cache[filename];
    throw error;
  }
  loaded.loaded = true;
  if (stale && writing === 'after-start') writeCache(cacheFile, key, script.createCachedData(), 0);
  return loaded.exports;
}
