/**
 * `mailbag move`, `mailbag flag` and `mailbag delete`: what the window's toolbar does to messages, by
 * the ids `list` and `search` print. Everything stays on this computer (POP3 has no folders or flags).
 */
import { parseArgs } from 'node:util';
import { MailbagError } from '../../../shared/errors';
import type { Core } from '../../main/core';
import { call } from '../call';
import { UsageError, withCore, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { findFolder } from '../folder-paths';
import { writeError, writeResult } from '../output';

function messageIds(positionals: readonly string[]): number[] {
  if (positionals.length === 0) throw new UsageError('Name the messages by the IDs that `mailbag list` prints.');
  return positionals.map((text) => {
    if (!/^\d{1,15}$/.test(text) || Number(text) <= 0) throw new UsageError(`Not a message ID: ${text}`);
    return Number(text);
  });
}

/**
 * Checks every message exists (NOT_FOUND names the first that does not) and returns their accounts (null
 * for mail kept in Local Folders after its account was removed).
 */
function accountsOf(core: Core, ids: readonly number[]): Map<number, string | null> {
  return new Map(ids.map((id) => [id, core.store.getMessage(id).accountId]));
}

function plural(count: number): string {
  return `${count} message${count === 1 ? '' : 's'}`;
}

/** `mailbag move ID… --to FOLDER [--account ACCOUNT] [--copy]`. */
export const moveCommand: Command = {
  name: 'move',
  summary: 'move messages to another folder',
  usage: `mailbag move ID... --to FOLDER [--account ACCOUNT] [--copy]   --copy: leave the messages where they are too
FOLDER is a name, a role (Inbox, Junk, …) or a path (Projects/Alpha, Local Folders/Archive).`,
  run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { to: { type: 'string' }, account: { type: 'string' }, copy: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const ids = messageIds(positionals);
    const to = values.to;
    if (to === undefined) throw new UsageError('Say where to with --to FOLDER.');
    return withCore(context, async (core) => {
      const accounts = accountsOf(core, ids);
      const tree = await call(core, 'listFolderTree', undefined);
      const chosen = values.account === undefined ? undefined : core.accounts.find(values.account).id;
      const owners = new Set(accounts.values());
      // A folder name is looked for in the messages' own account (or the one named) and Local Folders.
      const account = chosen ?? (owners.size === 1 ? [...owners][0] : undefined);
      const narrowed = account === undefined ? tree : { ...tree, accounts: tree.accounts.filter((entry) => entry.accountId === account) };
      const target = findFolder(narrowed, to);
      if (values.copy === true) {
        const { copies } = await call(core, 'copyMessages', { ids, folderId: target.folder.id });
        writeResult(
          context.streams,
          context.json,
          { copies, folderId: target.folder.id },
          () => `Copied ${plural(copies.length)} to ${target.path}: ${copies.join(', ')}.`,
        );
        return EXIT.SUCCESS;
      }
      const { moved } = await call(core, 'moveMessages', { ids, folderId: target.folder.id });
      writeResult(context.streams, context.json, { moved, folderId: target.folder.id }, () => `Moved ${plural(moved)} to ${target.path}.`);
      return EXIT.SUCCESS;
    });
  },
};

/** `mailbag flag ID… --read|--unread|--flagged|--unflagged`. */
export const flagCommand: Command = {
  name: 'flag',
  summary: 'mark messages read or unread, flagged or not',
  usage: 'mailbag flag ID... [--read | --unread] [--flagged | --unflagged]',
  run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { read: { type: 'boolean' }, unread: { type: 'boolean' }, flagged: { type: 'boolean' }, unflagged: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const ids = messageIds(positionals);
    if (values.read === true && values.unread === true) throw new UsageError('Use either --read or --unread.');
    if (values.flagged === true && values.unflagged === true) throw new UsageError('Use either --flagged or --unflagged.');
    const seen = values.read === true ? true : values.unread === true ? false : undefined;
    const flagged = values.flagged === true ? true : values.unflagged === true ? false : undefined;
    if (seen === undefined && flagged === undefined) throw new UsageError('Say which flag: --read, --unread, --flagged or --unflagged.');
    return withCore(context, async (core) => {
      accountsOf(core, ids);
      const { changed } = await call(core, 'setMessageFlags', {
        ids,
        ...(seen === undefined ? {} : { seen }),
        ...(flagged === undefined ? {} : { flagged }),
      });
      writeResult(context.streams, context.json, { changed }, () => `Changed ${plural(changed)}.`);
      return EXIT.SUCCESS;
    });
  },
};

/** `mailbag delete ID… [--permanently --yes]`. */
export const deleteCommand: Command = {
  name: 'delete',
  summary: 'move messages to Trash, or delete them for good',
  usage: `mailbag delete ID...                      move the messages to their account's Trash
       mailbag delete ID... --permanently --yes  delete them for good (the bytes too)`,
  run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { permanently: { type: 'boolean' }, yes: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const ids = messageIds(positionals);
    if (values.yes === true && values.permanently !== true) throw new UsageError('--yes goes with --permanently.');
    return withCore(context, async (core) => {
      const accounts = accountsOf(core, ids);
      if (values.permanently === true) {
        if (values.yes !== true) {
          writeError(context.streams, context.json, {
            code: 'VALIDATION',
            message: `This deletes ${plural(ids.length)} for good; it cannot be undone. Run again with --yes to delete.`,
          });
          return EXIT.USAGE;
        }
        const { deleted } = await call(core, 'deleteMessagesPermanently', { ids });
        writeResult(context.streams, context.json, { deleted }, () => `Deleted ${plural(deleted)} for good.`);
        return EXIT.SUCCESS;
      }
      const tree = await call(core, 'listFolderTree', undefined);
      const trashOf = new Map(tree.accounts.map((entry) => [entry.accountId, entry.folders.find((folder) => folder.role === 'trash')?.id]));
      let movedToTrash = 0;
      const alreadyInTrash: number[] = [];
      for (const accountId of new Set(accounts.values())) {
        if (accountId === null) {
          throw new MailbagError('VALIDATION', 'Mail kept in Local Folders from a removed account has no Trash: delete it with --permanently --yes.');
        }
        const trash = trashOf.get(accountId);
        if (trash === undefined) throw new MailbagError('NOT_FOUND', `The account ${accountId} has no Trash.`);
        const chosen = ids.filter((id) => accounts.get(id) === accountId);
        const moving = chosen.filter((id) => core.store.getMessage(id).folderId !== trash);
        alreadyInTrash.push(...chosen.filter((id) => !moving.includes(id)));
        if (moving.length > 0) movedToTrash += (await call(core, 'moveMessages', { ids: moving, folderId: trash })).moved;
      }
      writeResult(context.streams, context.json, { movedToTrash, alreadyInTrash }, () =>
        [
          `Moved ${plural(movedToTrash)} to Trash.`,
          ...(alreadyInTrash.length === 0 ? [] : [`Already in Trash: ${alreadyInTrash.join(', ')} (--permanently --yes deletes them for good).`]),
        ].join('\n'),
      );
      return EXIT.SUCCESS;
    });
  },
};
