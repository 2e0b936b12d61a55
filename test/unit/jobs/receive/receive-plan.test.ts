/** The reconciliation rules on their own: what is fetched, what the policy deletes, and what never is. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DAY_MS, planReceive, quietJournalStates, type ServerMessage } from '../../../../electron/jobs/receive/receive-plan';
import type { ReceiveMode, ReceivePolicy } from '../../../../electron/jobs/receive/receive-types';
import type { PopJournalEntry, PopState } from '../../../../electron/storage/pop-journal';

const NOW = 100 * DAY_MS;

function row(uidl: string, state: PopState, overrides: Partial<PopJournalEntry> = {}): [string, PopJournalEntry] {
  return [
    uidl,
    { accountId: 'a', uidl, state, reason: null, messageId: 1, size: 10, firstSeenAt: NOW - DAY_MS, downloadedAt: NOW - DAY_MS, updatedAt: NOW, ...overrides },
  ];
}

function server(...uidls: string[]): ServerMessage[] {
  return uidls.map((uidl, index) => ({ number: index + 1, uidl, size: 1000 * (index + 1) }));
}

const policy = (leaveOnServer: ReceivePolicy['leaveOnServer'], extra: Partial<ReceivePolicy> = {}): ReceivePolicy => ({
  leaveOnServer,
  headersOnly: false,
  sizeLimitBytes: null,
  ...extra,
});

describe('planning a receive', () => {
  test('only downloaded messages are ever chosen for deletion, whatever the policy', () => {
    const journal = new Map([row('d', 'downloaded'), row('k', 'kept-on-server'), row('h', 'headers-only'), row('x', 'deleted')]);
    for (const leave of [{ mode: 'never' }, { mode: 'days', days: 0 }] as const) {
      const plan = planReceive({
        server: server('d', 'k', 'h', 'x', 'new'),
        duplicateUidls: new Set(),
        journal,
        policy: policy(leave),
        mode: { kind: 'receive' },
        now: NOW,
      });
      assert.deepEqual(
        plan.delete.map((item) => item.uidl),
        ['d'],
      );
      assert.deepEqual(
        plan.fetch.map((item) => item.uidl),
        ['new'],
      );
    }
  });

  test('keep forever deletes nothing; until-deleted only messages whose local copy is gone', () => {
    const journal = new Map([row('here', 'downloaded'), row('gone', 'downloaded', { messageId: null })]);
    const forever = planReceive({
      server: server('here', 'gone'),
      duplicateUidls: new Set(),
      journal,
      policy: policy({ mode: 'forever' }),
      mode: { kind: 'receive' },
      now: NOW,
    });
    assert.deepEqual(forever.delete, []);
    const untilDeleted = planReceive({
      server: server('here', 'gone'),
      duplicateUidls: new Set(),
      journal,
      policy: policy({ mode: 'until-deleted' }),
      mode: { kind: 'receive' },
      now: NOW,
    });
    assert.deepEqual(untilDeleted.delete, [{ number: 2, uidl: 'gone', reason: 'deleted-locally' }]);
  });

  test('pending deletions: sent again when still listed, confirmed when gone', () => {
    const journal = new Map([row('still', 'delete-pending', { reason: 'keep-days-expired' }), row('gone', 'delete-pending', { reason: 'deleted-locally' })]);
    const plan = planReceive({
      server: server('still'),
      duplicateUidls: new Set(),
      journal,
      policy: policy({ mode: 'forever' }),
      mode: { kind: 'receive' },
      now: NOW,
    });
    assert.deepEqual(plan.delete, [{ number: 1, uidl: 'still', reason: 'keep-days-expired' }]);
    assert.deepEqual(plan.confirmedDeleted, ['gone']);
  });

  test('shared unique-ids are fetched to be known by content, and never deleted', () => {
    const journal = new Map([row('twin', 'downloaded')]);
    const plan = planReceive({
      server: server('twin', 'twin', 'solo'),
      duplicateUidls: new Set(['twin']),
      journal,
      policy: policy({ mode: 'never' }),
      mode: { kind: 'receive' },
      now: NOW,
    });
    assert.deepEqual(
      plan.fetch.map((item) => [item.uidl, item.sharedUidl === true]),
      [
        ['', true],
        ['', true],
        ['solo', false],
      ],
    );
    assert.deepEqual(plan.delete, []);
    assert.equal(plan.ambiguous.length, 2);
  });

  test('headers only and the size limit choose TOP n 0; completion asks for the whole message', () => {
    const limited = planReceive({
      server: server('small', 'big'),
      duplicateUidls: new Set(),
      journal: new Map(),
      policy: policy({ mode: 'never' }, { sizeLimitBytes: 1500 }),
      mode: { kind: 'receive' },
      now: NOW,
    });
    assert.deepEqual(
      limited.fetch.map((item) => [item.uidl, item.kind, item.topLines]),
      [
        ['small', 'full', undefined],
        ['big', 'headers', 0],
      ],
    );
    const complete = planReceive({
      server: server('big'),
      duplicateUidls: new Set(),
      journal: new Map([row('big', 'headers-only')]),
      policy: policy({ mode: 'never' }),
      mode: { kind: 'complete', uidls: ['big'] },
      now: NOW,
    });
    assert.deepEqual(
      complete.fetch.map((item) => [item.uidl, item.kind]),
      [['big', 'complete']],
    );
  });

  test('start fresh marks the unknown as seen, fetches and deletes nothing', () => {
    const plan = planReceive({
      server: server('a', 'b', 'known'),
      duplicateUidls: new Set(),
      journal: new Map([row('known', 'downloaded')]),
      policy: policy({ mode: 'never' }),
      mode: { kind: 'start-fresh' },
      now: NOW,
    });
    assert.deepEqual(
      plan.markSeen.map((message) => message.uidl),
      ['a', 'b'],
    );
    assert.deepEqual(plan.fetch, []);
    assert.deepEqual(plan.delete, []);
  });

  test('a server without UIDL: everything is fetched, and nothing is confirmed from absence', () => {
    const journal = new Map([row('content:x:1', 'delete-pending')]);
    const plan = planReceive({
      server: server('', ''),
      duplicateUidls: new Set(),
      journal,
      policy: policy({ mode: 'never' }),
      mode: { kind: 'receive' },
      now: NOW,
      hasUidl: false,
    });
    assert.equal(plan.fetch.length, 2);
    assert.deepEqual(plan.confirmedDeleted, []);
  });
});

describe('planning with the quiet part of the journal given as UIDLs only', () => {
  test('plans exactly what the whole journal plans, for every policy, mode and mix of states', () => {
    const states: PopState[] = ['downloaded', 'kept-on-server', 'headers-only', 'delete-pending', 'deleted'];
    const policies: ReceivePolicy[] = [
      policy({ mode: 'forever' }),
      policy({ mode: 'never' }),
      policy({ mode: 'days', days: 3 }),
      policy({ mode: 'until-deleted' }),
      policy({ mode: 'forever' }, { sizeLimitBytes: 2500 }),
      policy({ mode: 'never' }, { headersOnly: true }),
    ];
    let state = 20261208;
    const next = (bound: number): number => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state % bound;
    };
    for (let round = 0; round < 300; round += 1) {
      // UIDLs known to the journal in every state, some of them no longer on the server, and new ones.
      const journal = new Map(
        Array.from({ length: 1 + next(12) }, (_, index) =>
          row(`j${index}`, states[next(states.length)] ?? 'downloaded', {
            messageId: next(3) === 0 ? null : index,
            firstSeenAt: NOW - next(6) * DAY_MS,
            reason: next(2) === 0 ? null : 'keep-days-expired',
          }),
        ),
      );
      const onServer = [...journal.keys()].filter(() => next(4) !== 0);
      const uidls = [...onServer, ...Array.from({ length: next(4) }, (_, index) => `new${index}`)].sort(() => next(3) - 1);
      const duplicates = new Set(uidls.filter(() => next(10) === 0));
      const known = [...journal.keys()];
      const modes: ReceiveMode[] = [{ kind: 'receive' }, { kind: 'start-fresh' }, { kind: 'complete', uidls: known.filter(() => next(2) === 0) }];
      const keptForever = new Set(known.filter(() => next(5) === 0));
      for (const each of policies) {
        for (const mode of modes) {
          const input = { server: server(...uidls), duplicateUidls: duplicates, policy: each, mode, now: NOW, keptForever };
          const quietStates = quietJournalStates(each, mode);
          const rows = new Map([...journal].filter(([, entry]) => !quietStates.includes(entry.state)));
          const quietUidls = new Set([...journal.values()].filter((entry) => quietStates.includes(entry.state)).map((entry) => entry.uidl));
          assert.deepEqual(planReceive({ ...input, journal: rows, quietUidls }), planReceive({ ...input, journal }), JSON.stringify({ round, mode, each }));
        }
      }
    }
  });

  test('only messages left alone are quiet: a downloaded message is quiet only where no policy can delete it', () => {
    assert.deepEqual(quietJournalStates(policy({ mode: 'forever' }), { kind: 'receive' }).sort(), ['deleted', 'downloaded', 'kept-on-server']);
    assert.deepEqual(quietJournalStates(policy({ mode: 'never' }), { kind: 'start-fresh' }).sort(), ['deleted', 'downloaded', 'kept-on-server']);
    for (const leave of [{ mode: 'never' }, { mode: 'days', days: 1 }, { mode: 'until-deleted' }] as const) {
      assert.deepEqual(quietJournalStates(policy(leave), { kind: 'receive' }).sort(), ['deleted', 'kept-on-server']);
      assert.deepEqual(quietJournalStates(policy(leave), { kind: 'complete', uidls: [] }).sort(), ['deleted', 'kept-on-server']);
    }
  });
});
