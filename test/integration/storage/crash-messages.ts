import { createHash } from 'node:crypto';

/** The bytes of the crash test's message for a UIDL: deterministic, mostly small, every 25th large. */
export function crashMessage(uidl: string): Buffer {
  const index = Number(uidl.replace(/\D/g, ''));
  const size = index % 25 === 7 ? 1_300_000 + index : 2_000 + ((index * 7_919) % 30_000);
  const header = Buffer.from(`Message-ID: <${uidl}@crash.test>\r\nSubject: Crash test ${uidl}\r\n\r\n`);
  const body = Buffer.alloc(Math.max(0, size - header.length));
  const seed = createHash('sha256').update(uidl).digest();
  for (let offset = 0; offset < body.length; offset += 1) body[offset] = 0x20 + (((seed[offset % seed.length] ?? 0) + offset) % 90);
  return Buffer.concat([header, body]);
}
