import { parseArgs } from 'node:util';
import { EXIT } from '../exit-codes';
import { call } from '../call';
import { writeResult } from '../output';
import type { Command } from '../command';

/** `mailbag info`: the profile in use, versions, and how many accounts it holds. */
export const infoCommand: Command = {
  name: 'info',
  summary: 'Show the profile directory, versions and number of accounts',
  usage: 'mailbag info',
  async run(args, context) {
    parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: false });
    const core = await context.openCore();
    try {
      const info = await call(core, 'getAppInfo', undefined);
      writeResult(context.streams, context.json, info, () =>
        [
          `${info.name} ${info.version}`,
          `Profile:   ${info.profileDir}`,
          `Accounts:  ${info.accountCount}`,
          `Versions:  Node ${info.versions.node}, SQLite ${info.versions.sqlite}`,
        ].join('\n'),
      );
      return EXIT.SUCCESS;
    } finally {
      await core.close();
    }
  },
};
