/** What the test SMTP servers (Exim, OpenSMTPD) share: a delivered-mail maildir the tests read. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestCertificates } from './test-certificates';

/** How long {@link waitForDeliveries} waits. */
const DELIVERY_TIMEOUT_MS = 20_000;
const DELIVERY_POLL_MS = 100;

/** A running test SMTP server. */
export interface TestSmtpServer {
  readonly host: string;
  readonly port: number;
  /** The CA (PEM) that the server's certificate verifies against. */
  readonly certificates: Pick<TestCertificates, 'caPem'>;
  /** The user and password AUTH accepts (when the server offers AUTH). */
  readonly user: string;
  readonly password: string;
  /** Waits until `count` messages were delivered, and returns them (each as the server stored it). */
  waitForMessages(count: number): Promise<Buffer[]>;
  /** The server's logs so far. */
  readLog(): Promise<string>;
  stop(): Promise<void>;
}

/** Waits until the maildir `directory` holds `count` messages in new/, then returns them in name order. */
export async function waitForDeliveries(directory: string, count: number, readLog: () => Promise<string>): Promise<Buffer[]> {
  const delivered = path.join(directory, 'new');
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  for (;;) {
    const names = (await readdir(delivered).catch(() => [] as string[])).sort();
    if (names.length >= count) return Promise.all(names.map((name) => readFile(path.join(delivered, name))));
    if (Date.now() > deadline) throw new Error(`${names.length} of ${count} messages were delivered:\n${await readLog()}`);
    await new Promise((resolve) => setTimeout(resolve, DELIVERY_POLL_MS));
  }
}
