import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Name and version from package.json. The sources (electron/main) and the bundles (out/electron) sit
 * two levels below the package root, so the same relative path works for both.
 */
export function readAppVersion(): { name: string; version: string } {
  const text = readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8');
  const manifest = JSON.parse(text) as { productName?: unknown; version?: unknown };
  return {
    name: typeof manifest.productName === 'string' ? manifest.productName : 'Mailbag',
    version: typeof manifest.version === 'string' ? manifest.version : '0.0.0',
  };
}
