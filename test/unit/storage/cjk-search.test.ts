/**
 * Searching Chinese, Japanese and Korean text, written without spaces: a word from the middle of a
 * subject or body is found, alone or with Latin words, and nothing is found across two runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cjkIndexText, cjkQuery, hasCjk } from '../../../electron/storage/cjk-search';
import { ACCOUNT, foundIds, inlineParser, mail, openTestStore } from './store-fixture';

test('runs become bigrams, kept apart; queries become phrases', () => {
  assert.equal(cjkIndexText('本日の会議'), '本日 日の の会 会議');
  assert.equal(cjkIndexText('会議 and 資料'), '会議 0 資料');
  // The prolonged sound mark and the closing mark belong to no CJK script, yet are part of a run.
  assert.equal(cjkIndexText('ラーメン'), 'ラー ーメ メン');
  assert.equal(cjkIndexText('〆切'), '〆切');
  assert.equal(cjkQuery(['会議資料']), '"会議 議資 資料"');
  assert.equal(cjkQuery(['会']), '"会"*');
  assert.equal(cjkQuery(['budget']), null);
  assert.equal(hasCjk('회의 자료'), true);
  assert.equal(hasCjk('Grüße'), false);
});

test('every CJK character is indexed, wherever in the planes it is, and text without one costs no run search', () => {
  let checked = 0;
  for (let codePoint = 0; codePoint <= 0x10ffff; codePoint += 1) {
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
    const character = String.fromCodePoint(codePoint);
    if (!hasCjk(character)) continue;
    checked += 1;
    assert.equal(cjkIndexText(`mail ${character}${character} mail`), `${character}${character}`, `U+${codePoint.toString(16).toUpperCase()}`);
  }
  assert.ok(checked > 100_000);
  assert.equal(cjkIndexText('Grüße, ΑΒΓ, Привет, שלום, مرحبا', 'naïve café'), '');
  assert.equal(cjkIndexText('x'.repeat(300 * 1024) + '会議'), '');
});

test('a Japanese word from the middle of a subject or body is found, with or without other words', async () => {
  const { database, store } = await openTestStore();
  const ids: number[] = [];
  for (const [index, source] of [
    mail({ subject: '本日の会議資料を送ります', body: 'Please see attached.' }),
    mail({ subject: 'Budget 2026', body: '来週の会議資料はまだです。' }),
    mail({ subject: '会議 and 資料 apart', body: 'nothing else' }),
    mail({ subject: 'Budget only', body: 'in English' }),
    mail({ subject: '회의 자료', body: '한국어 본문입니다' }),
  ].entries()) {
    const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: `C${index}`, state: 'downloaded' } }, source);
    assert.ok(outcome.status === 'stored');
    ids.push(outcome.messageId);
  }
  await store.indexPending(inlineParser);
  const found = (text: string): number[] => foundIds(store, text);
  assert.deepEqual(found('会議資料'), [ids[1], ids[0]]);
  assert.deepEqual(found('budget 会議資料'), [ids[1]]);
  assert.deepEqual(found('議資'), [ids[1], ids[0]]);
  assert.deepEqual(found('한국어'), [ids[4]]);
  assert.deepEqual(found('budget'), [ids[3], ids[1]], 'Latin words are searched as before');
  store.deleteMessagesPermanently([ids[0] ?? 0]);
  assert.deepEqual(found('会議資料'), [ids[1]]);
  database.close();
});
