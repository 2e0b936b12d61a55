import { readFileSync } from 'node:fs';

/** A user account of the machine, as found in /etc/passwd. */
export interface SystemAccount {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

function readDatabase(file: string): string[][] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.split(':'));
  } catch {
    return [];
  }
}

/** Looks a user up by name in /etc/passwd (no NSS: test machines keep their system users there). */
export function findAccount(name: string): SystemAccount | undefined {
  const fields = readDatabase('/etc/passwd').find((entry) => entry[0] === name);
  if (fields === undefined) return undefined;
  return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
}

/** The first of `names` that exists in /etc/passwd. */
export function findFirstAccount(names: readonly string[]): SystemAccount | undefined {
  for (const name of names) {
    const account = findAccount(name);
    if (account !== undefined) return account;
  }
  return undefined;
}

/** The account this process runs as. */
export function currentAccount(): SystemAccount {
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;
  const fields = readDatabase('/etc/passwd').find((entry) => Number(entry[2]) === uid);
  return { name: fields?.[0] ?? String(uid), uid, gid };
}

/** The name of a group (from /etc/group), or the number as text if it has none. */
export function groupName(gid: number): string {
  const fields = readDatabase('/etc/group').find((entry) => Number(entry[2]) === gid);
  return fields?.[0] ?? String(gid);
}
