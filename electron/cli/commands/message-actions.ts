/**
 * `mailbag move`, `mailbag flag` and `mailbag delete`: what the window's toolbar does to messages, by
 * the ids `list` and `search` print. Everything stays on this computer (POP3 has no folders or flags).
 */
import { parseArgs } from 'node:util';
import type { Core } from '../../main/core';
import { call } from '../call';
import { CliError, translatorOf, UsageError, withCore, writeCliError, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { findFolder, shownPath } from '../folder-paths';
import { writeResult } from '../output';

function messageIds(positionals: readonly string[]): number[] {
  if (positionals.length === 0) throw new UsageError('cli.usage.nameMessages');
  return positionals.map((text) => {
    if (!/^\d{1,15}$/.test(text) || Number(text) <= 0) throw new UsageError('cli.usage.notMessageId', { text: text });
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

/** `mailbag move ID… --to FOLDER [--account ACCOUNT] [--copy]`. */
export const moveCommand: Command = {
  name: 'move',
  summary: 'cli.move.summary',
  usage: 'mailbag move ID... --to FOLDER [--account ACCOUNT] [--copy]',
  help: 'cli.move.help',
  run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { to: { type: 'string' }, account: { type: 'string' }, copy: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const ids = messageIds(positionals);
    const to = values.to;
    if (to === undefined) throw new UsageError('cli.move.to');
    return withCore(context, async (core) => {
      const accounts = accountsOf(core, ids);
      const tree = await call(core, 'listFolderTree', undefined);
      const chosen = values.account === undefined ? undefined : core.accounts.find(values.account).id;
      const owners = new Set(accounts.values());
      // A folder name is looked for in the messages' own account (or the one named) and Local Folders.
      const account = chosen ?? (owners.size === 1 ? [...owners][0] : undefined);
      const narrowed = account === undefined ? tree : { ...tree, accounts: tree.accounts.filter((entry) => entry.accountId === account) };
      const target = findFolder(narrowed, to);
      const { t } = translatorOf(context);
      if (values.copy === true) {
        const { copies } = await call(core, 'copyMessages', { ids, folderId: target.folder.id });
        writeResult(context.streams, context.json, { copies, folderId: target.folder.id }, () =>
          t('cli.move.copied', { count: copies.length, folder: shownPath(target, t), ids: copies.join(', ') }),
        );
        return EXIT.SUCCESS;
      }
      const { moved } = await call(core, 'moveMessages', { ids, folderId: target.folder.id });
      writeResult(context.streams, context.json, { moved, folderId: target.folder.id }, () =>
        t('cli.move.moved', { count: moved, folder: shownPath(target, t) }),
      );
      return EXIT.SUCCESS;
    });
  },
};

/** `mailbag flag ID… --read|--unread|--flagged|--unflagged`. */
export const flagCommand: Command = {
  name: 'flag',
  summary: 'cli.flag.summary',
  usage: 'mailbag flag ID... [--read | --unread] [--flagged | --unflagged]',
  run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { read: { type: 'boolean' }, unread: { type: 'boolean' }, flagged: { type: 'boolean' }, unflagged: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const ids = messageIds(positionals);
    if (values.read === true && values.unread === true) throw new UsageError('cli.usage.eitherOr', { first: '--read', second: '--unread' });
    if (values.flagged === true && values.unflagged === true) throw new UsageError('cli.usage.eitherOr', { first: '--flagged', second: '--unflagged' });
    const seen = values.read === true ? true : values.unread === true ? false : undefined;
    const flagged = values.flagged === true ? true : values.unflagged === true ? false : undefined;
    if (seen === undefined && flagged === undefined) throw new UsageError('cli.flag.which');
    return withCore(context, async (core) => {
      accountsOf(core, ids);
      const { changed } = await call(core, 'setMessageFlags', {
        ids,
        ...(seen === undefined ? {} : { seen }),
        ...(flagged === undefined ? {} : { flagged }),
      });
      writeResult(context.streams, context.json, { changed }, () => translatorOf(context).t('cli.flag.changed', { count: changed }));
      return EXIT.SUCCESS;
    });
  },
};

/** `mailbag delete ID… [--permanently --yes]`. */
export const deleteCommand: Command = {
  name: 'delete',
  summary: 'cli.delete.summary',
  usage: `mailbag delete ID...
       mailbag delete ID... --permanently --yes`,
  help: 'cli.delete.help',
  run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { permanently: { type: 'boolean' }, yes: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const ids = messageIds(positionals);
    if (values.yes === true && values.permanently !== true) throw new UsageError('cli.delete.yes');
    return withCore(context, async (core) => {
      const accounts = accountsOf(core, ids);
      if (values.permanently === true) {
        if (values.yes !== true) {
          writeCliError(context, 'VALIDATION', 'cli.delete.confirm', { count: ids.length });
          return EXIT.USAGE;
        }
        const { deleted } = await call(core, 'deleteMessagesPermanently', { ids });
        writeResult(context.streams, context.json, { deleted }, () => translatorOf(context).t('cli.delete.deleted', { count: deleted }));
        return EXIT.SUCCESS;
      }
      const tree = await call(core, 'listFolderTree', undefined);
      const trashOf = new Map(tree.accounts.map((entry) => [entry.accountId, entry.folders.find((folder) => folder.role === 'trash')?.id]));
      let movedToTrash = 0;
      const alreadyInTrash: number[] = [];
      for (const accountId of new Set(accounts.values())) {
        if (accountId === null) {
          throw new CliError('VALIDATION', 'cli.delete.noTrashLocal');
        }
        const trash = trashOf.get(accountId);
        if (trash === undefined) throw new CliError('NOT_FOUND', 'cli.delete.noTrash', { account: accountId });
        const chosen = ids.filter((id) => accounts.get(id) === accountId);
        const moving = chosen.filter((id) => core.store.getMessage(id).folderId !== trash);
        alreadyInTrash.push(...chosen.filter((id) => !moving.includes(id)));
        if (moving.length > 0) movedToTrash += (await call(core, 'moveMessages', { ids: moving, folderId: trash })).moved;
      }
      const { t } = translatorOf(context);
      writeResult(context.streams, context.json, { movedToTrash, alreadyInTrash }, () =>
        [
          t('cli.delete.movedToTrash', { count: movedToTrash }),
          ...(alreadyInTrash.length === 0 ? [] : [t('cli.delete.alreadyInTrash', { ids: alreadyInTrash.join(', ') })]),
        ].join('\n'),
      );
      return EXIT.SUCCESS;
    });
  },
};
