/**
 * The address book's operations as main receives them: input checked by the contract (an address
 * compose would refuse, an unknown field), contacts saved, searched, merged, grouped, imported and
 * exported as vCard, with the windows told the book changed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCore, type Core } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import type { Result } from '../../../shared/errors';
import type { AddressSuggestion, Contact, ContactGroup, ContactImportReport } from '../../../shared/contacts';
import { NO_KEYCHAIN_ENV } from '../../support/cli';

const context = { transport: 'web' as const };

function value<T>(result: Result<unknown>): T {
  if (!result.ok) assert.fail(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('address book operations', () => {
  let root: string;
  let core: Core;
  const changes: unknown[] = [];

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-contact-ops-'));
    core = await createCore({ profileDir: path.join(root, 'profile'), logger: silentLogger, env: NO_KEYCHAIN_ENV });
    core.events.subscribe((name, payload) => {
      if (name === 'contactsChanged') changes.push(payload);
    });
  });
  after(async () => {
    await core.close();
    rmSync(root, { recursive: true, force: true });
  });

  const blank = { displayName: '', firstName: '', lastName: '', phone: '', notes: '' };

  test('a contact with a bad address or an unknown field is refused as VALIDATION before it is stored', async () => {
    const bad = await core.registry.dispatch('saveContact', { contact: { ...blank, displayName: 'X', addresses: ['x@'] } }, context);
    assert.equal(bad.ok ? '' : bad.error.code, 'VALIDATION');
    const control = await core.registry.dispatch('saveContact', { contact: { ...blank, addresses: ['a\r\nb@example.com'] } }, context);
    assert.equal(control.ok, false);
    const extra = await core.registry.dispatch('saveContact', { contact: { ...blank, addresses: [], displayName: 'Y', admin: true } }, context);
    assert.equal(extra.ok ? '' : extra.error.code, 'VALIDATION');
    assert.equal(value<{ contacts: Contact[] }>(await core.registry.dispatch('listContacts', undefined, context)).contacts.length, 0);
  });

  test('contacts are saved, found by any word, merged, grouped, suggested, exported and imported', async () => {
    const before = changes.length;
    const zoe = value<Contact>(
      await core.registry.dispatch('saveContact', { contact: { ...blank, displayName: 'Zoë Ünal', addresses: ['zoe@example.com'] } }, context),
    );
    const zoe2 = value<Contact>(
      await core.registry.dispatch(
        'saveContact',
        { contact: { ...blank, firstName: 'Zoe', lastName: 'Unal', addresses: ['zoe@home.example'], phone: '+33 1' } },
        context,
      ),
    );
    const sara = value<Contact>(
      await core.registry.dispatch('saveContact', { contact: { ...blank, displayName: 'שרה כהן', addresses: ['sara@example.org'] } }, context),
    );
    assert.ok(changes.length >= before + 3, 'each save is announced');
    const found = value<{ contacts: Contact[] }>(await core.registry.dispatch('listContacts', { query: 'una' }, context));
    assert.deepEqual(found.contacts.map((contact) => contact.id).sort(), [zoe.id, zoe2.id].sort());
    const duplicates = value<number[][]>(await core.registry.dispatch('findDuplicateContacts', undefined, context));
    assert.deepEqual(duplicates, [[zoe.id, zoe2.id]]);
    const merged = value<Contact>(await core.registry.dispatch('mergeContacts', { ids: [zoe.id, zoe2.id] }, context));
    assert.deepEqual(merged.addresses, ['zoe@example.com', 'zoe@home.example']);
    assert.equal(merged.phone, '+33 1');
    const group = value<ContactGroup>(await core.registry.dispatch('saveContactGroup', { name: 'Friends', memberIds: [merged.id, sara.id] }, context));
    const badEdit = await core.registry.dispatch('saveContactGroup', { id: group.id, name: '   ', memberIds: [sara.id] }, context);
    assert.equal(badEdit.ok ? '' : badEdit.error.code, 'VALIDATION', 'a blank name is refused in main');
    const badMember = await core.registry.dispatch('saveContactGroup', { id: group.id, name: 'Friends', memberIds: ['1'] }, context);
    assert.equal(badMember.ok ? '' : badMember.error.code, 'VALIDATION', 'member ids are checked in main');
    const edited = value<ContactGroup>(await core.registry.dispatch('saveContactGroup', { id: group.id, name: 'Old friends', memberIds: [sara.id] }, context));
    assert.deepEqual([edited.id, edited.name, edited.memberIds], [group.id, 'Old friends', [sara.id]]);
    value(await core.registry.dispatch('saveContactGroup', { id: group.id, name: 'Friends', memberIds: [merged.id, sara.id] }, context));
    const suggestions = value<AddressSuggestion[]>(await core.registry.dispatch('suggestAddresses', { query: 'fri' }, context));
    assert.deepEqual(suggestions[0], {
      kind: 'group',
      name: 'Friends',
      groupId: group.id,
      members: [
        { name: 'Zoë Ünal', address: 'zoe@example.com' },
        { name: 'שרה כהן', address: 'sara@example.org' },
      ],
    });
    const exported = value<{ text: string; count: number }>(await core.registry.dispatch('exportContacts', { version: '3.0' }, context));
    assert.equal(exported.count, 2);
    assert.match(exported.text, /FN:שרה כהן/u);
    value(await core.registry.dispatch('deleteContacts', { ids: [merged.id, sara.id] }, context));
    const report = value<ContactImportReport>(await core.registry.dispatch('importContacts', { format: 'vcard', text: exported.text }, context));
    assert.deepEqual(report, { added: 2, merged: 0, skipped: [] });
    const back = value<{ contacts: Contact[] }>(await core.registry.dispatch('listContacts', undefined, context)).contacts;
    assert.deepEqual(
      back.map((contact) => [contact.displayName, contact.addresses]),
      [
        ['Zoë Ünal', ['zoe@example.com', 'zoe@home.example']],
        ['שרה כהן', ['sara@example.org']],
      ],
    );
    const allowed = value<Contact>(await core.registry.dispatch('setContactRemoteContent', { id: back[1]?.id ?? 0, allow: true }, context));
    assert.equal(allowed.allowRemoteContent, true);
    assert.deepEqual(value(await core.registry.dispatch('listRemoteContentContacts', undefined, context)), [
      { contactId: allowed.id, address: 'sara@example.org', name: 'שרה כהן' },
    ]);
  });
});
