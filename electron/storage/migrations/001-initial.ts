import type { Migration } from './migration';

/** The first schema: accounts, the table every other part of the store refers to. */
export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(database) {
    database.exec(`
      create table accounts (
        id text primary key,
        name text not null,
        email text not null,
        created_at integer not null
      ) strict;
    `);
  },
};
