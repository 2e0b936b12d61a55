import type { DnsResolver } from '../../electron/services/discovery/dns';

/** A DNS resolver answering from a table; names it does not know are ENOTFOUND, as from a real server. */
export function fakeResolver(
  srv: Record<string, { name: string; port: number; priority: number; weight: number }[]>,
  mx: Record<string, { exchange: string; priority: number }[]>,
): DnsResolver & { asked: string[] } {
  const asked: string[] = [];
  const missing = (name: string): Error => Object.assign(new Error(`queryX ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return {
    asked,
    resolveSrv: async (name) => {
      asked.push(`SRV ${name}`);
      const records = srv[name];
      if (records === undefined) throw missing(name);
      return records;
    },
    resolveMx: async (name) => {
      asked.push(`MX ${name}`);
      const records = mx[name];
      if (records === undefined) throw missing(name);
      return records;
    },
  };
}
