import { parseArgs } from 'node:util';
import { EXIT } from '../exit-codes';
import { call } from '../call';
import { writeResult } from '../output';
import { translatorOf, type Command } from '../command';

/** `mailbag info`: the profile in use, versions, and how many accounts it holds. */
export const infoCommand: Command = {
  name: 'info',
  summary: 'cli.info.summary',
  usage: 'mailbag info',
  async run(args, context) {
    parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: false });
    const core = await context.openCore();
    try {
      const info = await call(core, 'getAppInfo', undefined);
      const { t } = translatorOf(context);
      writeResult(context.streams, context.json, info, () =>
        [
          `${info.name} ${info.version}`,
          t('cli.info.profile', { dir: info.profileDir }),
          t('cli.info.accounts', { count: info.accountCount }),
          t('cli.info.versions', { node: info.versions.node, sqlite: info.versions.sqlite }),
        ].join('\n'),
      );
      return EXIT.SUCCESS;
    } finally {
      await core.close();
    }
  },
};
