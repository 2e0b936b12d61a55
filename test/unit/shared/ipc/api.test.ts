import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Result } from '../../../../shared/errors';
import { callOperation, createMailbagApi, type ContractTransport } from '../../../../shared/ipc/api';
import type { OperationName } from '../../../../shared/ipc/names';

/** A transport that records what the API sends and answers every request with an empty success. */
function recordingTransport(): { transport: ContractTransport; sent: { name: OperationName; input: unknown }[] } {
  const sent: { name: OperationName; input: unknown }[] = [];
  const transport: ContractTransport = {
    invoke(name, input): Promise<Result<unknown>> {
      sent.push({ name, input });
      return Promise.resolve({ ok: true, value: null });
    },
    subscribe: () => () => undefined,
  };
  return { transport, sent };
}

test('each API function sends its operation with the fields its schema names', async () => {
  const { transport, sent } = recordingTransport();
  const api = createMailbagApi(transport);
  await api.getMessage(7);
  await api.removeAccount('a1', { deleteLocalMail: true });
  await api.getAttachment(7, 2);
  await api.listServerMailbox('a1');
  assert.deepEqual(sent, [
    { name: 'getMessage', input: { id: 7 } },
    { name: 'removeAccount', input: { id: 'a1', deleteLocalMail: true } },
    { name: 'getAttachment', input: { messageId: 7, index: 2 } },
    { name: 'listServerMailbox', input: { accountId: 'a1' } },
  ]);
});

test('a request is typed from the contract: a misspelt or missing field does not compile', async () => {
  const { transport, sent } = recordingTransport();
  await callOperation(transport, 'openExternalLink', { url: 'https://example.org/' });
  // The lines below are compile-time checks (`npx tsc -b` fails when any of them compiles); at run time
  // they only reach the recording transport, as a page's mistaken call would reach main's validation.
  // @ts-expect-error `ids` misspelt as `id`
  await callOperation(transport, 'deleteMessages', { id: [1] });
  // @ts-expect-error `deleteLocalMail` is required
  await callOperation(transport, 'removeAccount', { id: 'a1' });
  // @ts-expect-error the id is a number
  await callOperation(transport, 'getMessage', { id: '7' });
  // @ts-expect-error an operation without input takes none
  await callOperation(transport, 'listAccounts', { all: true });
  assert.equal(sent.length, 5);
  assert.deepEqual(sent[0], { name: 'openExternalLink', input: { url: 'https://example.org/' } });
});
