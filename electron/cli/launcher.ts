/**
 * The built command line's entry file (out/electron/cli.cjs): it runs the command line's bundle
 * (cli-main.cjs, beside it) from V8's code cache when one is there, so a command starts without parsing
 * and compiling the bundle again. The first run after a build (or after Node changed) writes the cache
 * beside the bundle, replacing the file atomically; where that directory is not writable (an installed
 * package), the bundle simply compiles as it would without a cache. A cache is used only for the
 * bundle it was made from (its size and modification time head the cache file: V8 itself compares the
 * source's length only) and only when V8 accepts it (same V8 version and flags); otherwise it is rewritten.
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { markPhase } from '../jobs/phase-marks';

/** File name of the command line's bundle, beside this launcher. */
const BUNDLE_FILE = 'cli-main.cjs';
/** Suffix of the code cache beside the bundle. */
const CACHE_SUFFIX = '.v8-cache';

/** Node's CommonJS internals a module loaded by hand needs (present in every Node version Mailbag runs on). */
interface ModuleInternals {
  wrap(source: string): string;
  _nodeModulePaths(directory: string): string[];
}

type ModuleWrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

/** What a cache file starts with: the bundle it belongs to, then a newline, then V8's data. */
function cacheKey(filename: string): string {
  const { size, mtimeMs } = statSync(filename);
  return `${size}:${mtimeMs}\n`;
}

/** V8's data in the cache file when the file was made for this bundle (`key`); undefined otherwise. */
function readCache(file: string, key: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  return data.subarray(0, key.length).toString('latin1') === key ? data.subarray(key.length) : undefined;
}

/** Writes the cache through a temporary file and a rename, so a reader never sees half of it; best effort. */
function writeCache(file: string, key: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(key, 'latin1'), data]), { mode: 0o644 });
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/**
 * Runs the CommonJS file `filename` as the main module would run, compiled from its code cache when V8
 * accepts it; when there was none or V8 refused it, a new one is written as the process exits (so it
 * holds the functions this run compiled, not only the top level).
 */
export function runWithCodeCache(filename: string): void {
  const internals = Module as unknown as ModuleInternals;
  const cacheFile = `${filename}${CACHE_SUFFIX}`;
  let source = readFileSync(filename, 'utf8');
  // The bundle starts with a #! line; inside the module wrapper it must be a comment (same line count).
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const key = cacheKey(filename);
  const cachedData = readCache(cacheFile, key);
  const script = new vm.Script(internals.wrap(source), {
    filename,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once('exit', () => writeCache(cacheFile, key, script.createCachedData()));
  }
  const bundle = new Module(filename, module);
  bundle.filename = filename;
  bundle.paths = internals._nodeModulePaths(path.dirname(filename));
  const load = (request: string): unknown => bundle.require(request);
  const bundleRequire = Object.assign(load, {
    resolve: Object.assign((request: string) => require.resolve(request, { paths: [path.dirname(filename)] }), { paths: () => bundle.paths }),
    main: bundle,
    cache: require.cache,
    extensions: require.extensions,
  }) as NodeJS.Require;
  const wrapper = script.runInThisContext() as ModuleWrapper;
  wrapper.call(bundle.exports, bundle.exports, bundleRequire, bundle, filename, path.dirname(filename));
  bundle.loaded = true;
}

markPhase('node started');
runWithCodeCache(path.join(__dirname, BUNDLE_FILE));
