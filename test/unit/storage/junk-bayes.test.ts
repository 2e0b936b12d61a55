/** The learning junk filter on a generated labelled corpus, and the pieces it is made of. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JUNK_THRESHOLD, junkScore, junkTokens, MAX_TOKENS_PER_MESSAGE, MemoryJunkCorpus } from '../../../electron/storage/junk-bayes';
import { junkCorpus, type LabelledMessage } from '../../support/junk-corpus';

const TRAINING_PER_CLASS = 200;
const HELD_OUT = 1_000;

test('after training on 200 junk and 200 good messages, held-out mail is judged with precision ≥ 0.98 and recall ≥ 0.9', () => {
  for (const seed of [1, 5, 18, 77, 123, 2026]) {
    const corpus = junkCorpus(seed, TRAINING_PER_CLASS + HELD_OUT / 2);
    const junk = corpus.filter((message) => message.junk);
    const ham = corpus.filter((message) => !message.junk);
    const training = [...junk.slice(0, TRAINING_PER_CLASS), ...ham.slice(0, TRAINING_PER_CLASS)];
    const heldOut: LabelledMessage[] = [...junk.slice(TRAINING_PER_CLASS), ...ham.slice(TRAINING_PER_CLASS)];
    assert.equal(heldOut.length, HELD_OUT);
    const filter = new MemoryJunkCorpus();
    for (const message of training) filter.train(junkTokens(message.document), message.junk ? 'junk' : 'ham');
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    for (const message of heldOut) {
      const judgedJunk = junkScore(filter, junkTokens(message.document)) >= JUNK_THRESHOLD;
      if (judgedJunk && message.junk) truePositives += 1;
      else if (judgedJunk) falsePositives += 1;
      else if (message.junk) falseNegatives += 1;
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    assert.ok(precision >= 0.98, `seed ${seed}: precision ${precision}`);
    assert.ok(recall >= 0.9, `seed ${seed}: recall ${recall}`);
  }
});

test('an untrained filter knows nothing; a training taken back is as if it never happened', () => {
  const filter = new MemoryJunkCorpus();
  const spam = junkTokens({ subject: 'Cheap pills', from: 'x@pills.example', text: 'cheap pills now https://pills.example/buy' });
  assert.equal(junkScore(filter, spam), 0.5);
  filter.train(spam, 'junk');
  filter.train(junkTokens({ subject: 'Lunch', from: 'bob@example.org', text: 'lunch tomorrow at noon' }), 'ham');
  assert.ok(junkScore(filter, spam) > JUNK_THRESHOLD);
  filter.train(spam, 'junk', -1);
  assert.equal(filter.junkMessages, 0);
  assert.equal(junkScore(filter, spam), 0.5);
});

test('header fields give tokens of the mailer, the MIME structure, unsubscribing and where the Message-ID comes from', () => {
  const tokens = junkTokens({
    subject: 'Hi',
    from: 'ann@shop.example',
    text: 'hello',
    headers: [
      { name: 'X-Mailer', value: 'PHPMailer 6.8.0 (https://github.com/PHPMailer)' },
      { name: 'Content-Type', value: 'text/html; charset=utf-8' },
      { name: 'Message-ID', value: '<x1@bulk.example>' },
      { name: 'Received', value: 'from somewhere' },
    ],
  });
  for (const token of ['header:x-mailer:phpmailer', 'header:content-type:text/html', 'message-id:other-domain']) {
    assert.ok(tokens.includes(token), `${token} in ${tokens.join(' ')}`);
  }
  assert.ok(!tokens.some((token) => token.includes('somewhere')), 'other fields are not read');
  const own = junkTokens({ subject: '', from: 'ann@shop.example', text: '', headers: [{ name: 'message-id', value: '<a@shop.example>' }] });
  assert.ok(own.includes('message-id:from-domain'));
  assert.ok(junkTokens({ subject: '', from: 'ann@shop.example', text: '', headers: [] }).includes('message-id:none'));
  assert.ok(!junkTokens({ subject: '', from: 'ann@shop.example', text: '' }).some((token) => token.startsWith('message-id:')), 'no header section: no guess');
});

test('tokens mark the subject, the sender, its domain and link hosts, and are bounded', () => {
  const tokens = junkTokens({ subject: 'Big SALE', from: 'Deals@Shop.Example', text: 'Visit https://shop.example/x now — 50% off, 100€ or 90£' });
  for (const token of [
    'subject:big',
    'subject:sale',
    'from:deals@shop.example',
    'fromdomain:shop.example',
    'url:shop.example',
    'visit',
    '50%',
    '100€',
    '90£',
  ]) {
    assert.ok(tokens.includes(token), `${token} in ${tokens.join(' ')}`);
  }
  const huge = junkTokens({ subject: '', from: '', text: Array.from({ length: 5_000 }, (_, index) => `word${index}`).join(' ') });
  assert.equal(huge.length, MAX_TOKENS_PER_MESSAGE);
});
