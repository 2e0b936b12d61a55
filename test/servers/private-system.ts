/**
 * A private view of the system for servers that insist on system paths: the test's own user in
 * /etc/passwd, /etc/shadow and /etc/group, its own mail spool at /var/mail and an empty /var/lib,
 * all mounted in a mount namespace of the server's own (`unshare -m`), so the machine's files and
 * every other process see nothing of it. Needs root (which the real-server tests have).
 */
import { execFileSync } from 'node:child_process';
import { chmod, chown, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A user the servers sign in (PAM, getpwnam) with its own mbox in the private spool. */
export interface PrivateUser {
  readonly name: string;
  readonly password: string;
  readonly uid: number;
  readonly gid: number;
}

/** What {@link createPrivateSystem} prepared. */
export interface PrivateSystem {
  readonly directory: string;
  /** The folder mounted at /var/mail. */
  readonly spool: string;
  /** The folder mounted at /var/lib (empty but for what servers need). */
  readonly varLib: string;
  readonly users: readonly PrivateUser[];
  /** `unshare` and its arguments that run `command args` inside the private view. */
  wrap(command: string, args: readonly string[]): { command: string; args: string[] };
  /** Writes a user's mbox (RFC 4155, mboxrd quoting) with `messages`, owned by the user. */
  writeMbox(user: PrivateUser, messages: readonly Buffer[]): Promise<void>;
  /** Replaces the user's ~/Maildir with `messages` in new/, owned by the user. */
  writeMaildir(user: PrivateUser, messages: readonly Buffer[]): Promise<void>;
}

/** Accounts the servers themselves run as (privilege separation), added to the private /etc/passwd. */
export interface ServiceAccount {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** Folders to create under /var/lib for it (chroot targets). */
  readonly varLibFolders?: readonly string[];
}

/** Folder of /var/lib holding the users' home folders. */
const HOMES = 'mailbag-homes';

function hashPassword(password: string): string {
  return execFileSync('openssl', ['passwd', '-6', '-stdin'], { input: password, encoding: 'utf8' }).trim();
}

/** An mbox "From " line and the message with lines starting ">*From " quoted one more level (mboxrd). */
function mboxEntry(message: Buffer, index: number): Buffer {
  const text = message.toString('latin1').replace(/\r\n/g, '\n');
  const quoted = text.replace(/^(>*From )/gm, '>$1');
  const ending = quoted.endsWith('\n') ? '' : '\n';
  // A separator of its own per message: some servers (popa3d) derive the UIDL from it.
  const date = new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 $4');
  return Buffer.from(`From sender-${index}@example.org ${date}\n${quoted}${ending}\n`, 'latin1');
}

/** More of the private view, for servers that need their package's files at their built-in paths. */
export interface PrivateExtras {
  /**
   * Names of programs shown in a private /usr/sbin (for a server that re-executes itself from its
   * built-in path, as Exim does from /usr/sbin/exim4); /usr/sbin then holds nothing else.
   */
  readonly sbin?: Readonly<Record<string, string>>;
  /** Unpacked package roots laid over /usr and /etc (overlayfs, read-only), first on top. */
  readonly packageRoots?: readonly string[];
  /** Folders of `directory` shown under an otherwise empty /run (sockets shared between processes). */
  readonly run?: readonly string[];
}

/** Prepares the private files for `users` and `services` in `directory`. */
export async function createPrivateSystem(
  directory: string,
  users: readonly PrivateUser[],
  services: readonly ServiceAccount[] = [],
  extras: PrivateExtras = {},
): Promise<PrivateSystem> {
  const sbin = extras.sbin ?? {};
  const roots = extras.packageRoots ?? [];
  const overlay = (folder: string): string =>
    `mount -t overlay overlay -o lowerdir=${[...roots.map((root) => path.join(root, folder)), `/${folder}`].join(':')} /${folder}`;
  const runFolders = extras.run ?? [];
  for (const folder of runFolders) {
    await mkdir(path.join(directory, 'run', folder), { recursive: true });
    await chmod(path.join(directory, 'run', folder), 0o777);
  }
  const etc = path.join(directory, 'etc');
  const spool = path.join(directory, 'spool');
  const varLib = path.join(directory, 'var-lib');
  await mkdir(etc, { recursive: true });
  await mkdir(spool, { recursive: true });
  await mkdir(varLib, { recursive: true });
  // Mail programs lock with dot files next to the mbox.
  await chmod(spool, 0o1777);
  await chmod(directory, 0o755);
  const passwd = await readFile('/etc/passwd', 'utf8');
  const shadow = await readFile('/etc/shadow', 'utf8');
  const group = await readFile('/etc/group', 'utf8');
  const extraPasswd = [
    ...services.map((service) => `${service.name}:x:${service.uid}:${service.gid}::/var/lib/${service.name}:/usr/sbin/nologin`),
    ...users.map((user) => `${user.name}:x:${user.uid}:${user.gid}::/var/lib/${HOMES}/${user.name}:/bin/sh`),
  ];
  const extraShadow = [
    ...services.map((service) => `${service.name}:*:19000:0:99999:7:::`),
    ...users.map((user) => `${user.name}:${hashPassword(user.password)}:19000:0:99999:7:::`),
  ];
  const extraGroup = [...services.map((service) => `${service.name}:x:${service.gid}:`), ...users.map((user) => `${user.name}:x:${user.gid}:`)];
  const withLines = (text: string, lines: readonly string[]): string => `${text.endsWith('\n') ? text : `${text}\n`}${lines.join('\n')}\n`;
  await writeFile(path.join(etc, 'passwd'), withLines(passwd, extraPasswd), { mode: 0o644 });
  await writeFile(path.join(etc, 'shadow'), withLines(shadow, extraShadow), { mode: 0o640 });
  await writeFile(path.join(etc, 'group'), withLines(group, extraGroup), { mode: 0o644 });
  const privateSbin = path.join(directory, 'sbin');
  await mkdir(privateSbin, { recursive: true });
  for (const [name, program] of Object.entries(sbin)) await symlink(program, path.join(privateSbin, name));
  for (const user of users) {
    const home = path.join(varLib, HOMES, user.name);
    await mkdir(home, { recursive: true });
    await chown(home, user.uid, user.gid);
  }
  for (const service of services) {
    for (const folder of service.varLibFolders ?? []) await mkdir(path.join(varLib, folder), { recursive: true, mode: 0o755 });
  }
  const mounts = [
    ...(roots.length === 0 ? [] : [overlay('usr'), overlay('etc')]),
    `mount --bind ${etc}/passwd /etc/passwd`,
    `mount --bind ${etc}/shadow /etc/shadow`,
    `mount --bind ${etc}/group /etc/group`,
    `mount --bind ${spool} /var/mail`,
    `mount --bind ${varLib} /var/lib`,
    ...(Object.keys(sbin).length === 0 ? [] : [`mount --bind ${privateSbin} /usr/sbin`]),
    ...(runFolders.length === 0
      ? []
      : [
          'mount -t tmpfs tmpfs /run',
          ...runFolders.flatMap((folder) => [`mkdir -p /run/${folder}`, `mount --bind ${path.join(directory, 'run', folder)} /run/${folder}`]),
        ]),
  ].join(' && ');
  return {
    directory,
    spool,
    varLib,
    users,
    wrap: (command, args) => ({
      command: 'unshare',
      args: ['--mount', '--propagation', 'private', 'sh', '-c', `${mounts} && exec "$@"`, 'sh', command, ...args],
    }),
    async writeMaildir(user, messages) {
      const maildir = path.join(varLib, HOMES, user.name, 'Maildir');
      await rm(maildir, { recursive: true, force: true });
      for (const folder of ['', 'new', 'cur', 'tmp']) {
        await mkdir(path.join(maildir, folder), { recursive: true });
        await chown(path.join(maildir, folder), user.uid, user.gid);
      }
      for (const [index, message] of messages.entries()) {
        const file = path.join(maildir, 'new', `${1_700_000_000 + index}.M${index}P1.mailbag-test`);
        await writeFile(file, message, { mode: 0o600 });
        await chown(file, user.uid, user.gid);
      }
    },
    async writeMbox(user, messages) {
      const file = path.join(spool, user.name);
      await writeFile(file, Buffer.concat(messages.map((message, index) => mboxEntry(message, index))), { mode: 0o600 });
      await chown(file, user.uid, user.gid);
    },
  };
}
