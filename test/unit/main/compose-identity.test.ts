/**
 * The identity a message is written as: the account's own address is its default identity, with the
 * account's own signature (plain and rich) when no identity of that address has one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountSettingsSchema, type Account } from '../../../shared/accounts';
import { identityOf } from '../../../electron/main/compose-handlers';
import { sampleSettings } from '../../fakes/account-settings';

function account(overrides: Parameters<typeof sampleSettings>[0]): Account {
  const settings = accountSettingsSchema.parse(sampleSettings(overrides));
  return { id: 'a1', name: settings.name, address: settings.address, settings, messageCount: 0, createdAt: 0, updatedAt: 0 };
}

test('the account’s own address carries the account’s signature, plain and rich', () => {
  const own = account({ identities: [], signature: 'Alice', signatureHtml: '<p><b>Alice</b></p>' });
  const identity = identityOf(own);
  assert.equal(identity.signature, 'Alice');
  assert.equal(identity.signatureHtml, '<p><b>Alice</b></p>');
  assert.deepEqual(identityOf(own, own.address.toUpperCase()), identity, 'named by its address in any case');
});

test('an identity keeps its own rich signature; an account without a signature has none', () => {
  const withIdentity = account({ identities: [{ name: 'Work', address: 'work@example.com', signature: '', signatureHtml: '<i>Work</i>' }] });
  assert.equal(identityOf(withIdentity, 'work@example.com').signatureHtml, '<i>Work</i>');
  const bare = account({ identities: [] });
  assert.equal(identityOf(bare).signature, '');
  assert.equal(identityOf(bare).signatureHtml, undefined);
});
