import type { Migration } from './migration';

/**
 * A rule can be switched off without losing it: the editor in Settings keeps a rule that is off in its
 * place in the order, and neither new mail nor the server's copy is filtered by it.
 */
export const migration016RulesEnabled: Migration = {
  version: 16,
  name: 'rules-enabled',
  up(database) {
    database.exec('alter table rules add column enabled integer not null default 1 check (enabled in (0, 1));');
  },
};
