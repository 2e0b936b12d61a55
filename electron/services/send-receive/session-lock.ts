/**
 * One POP3 session per account at a time, whoever opens it: Send/Receive and the Server mailbox share
 * this lock, so Mailbag never collides with itself on a maildrop (RFC 1939 §8: the server locks it
 * for one session, and a second one would be refused as in use).
 */

/** Who holds an account's session. */
export type SessionOwner = 'send-receive' | 'server-mailbox';

interface Holder {
  readonly owner: SessionOwner;
  readonly released: Promise<void>;
}

/** Per-account session lock. */
export class AccountSessionLock {
  private readonly holders = new Map<string, Holder>();

  /** Who holds the account's session now, if anyone. */
  holder(accountId: string): SessionOwner | undefined {
    return this.holders.get(accountId)?.owner;
  }

  /** Takes the account's session if it is free; returns its release function, or undefined if taken. */
  tryAcquire(accountId: string, owner: SessionOwner): (() => void) | undefined {
    if (this.holders.has(accountId)) return undefined;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holder: Holder = { owner, released };
    this.holders.set(accountId, holder);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (this.holders.get(accountId) === holder) this.holders.delete(accountId);
      release();
    };
  }

  /**
   * Takes the account's session, waiting at most `waitMs` for the holder to finish; undefined if it
   * is still taken then.
   */
  async acquireWithin(accountId: string, owner: SessionOwner, waitMs: number, clock: () => number = Date.now): Promise<(() => void) | undefined> {
    const deadline = clock() + waitMs;
    for (;;) {
      const release = this.tryAcquire(accountId, owner);
      if (release !== undefined) return release;
      const remaining = deadline - clock();
      if (remaining <= 0) return undefined;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, remaining);
      });
      await Promise.race([this.holders.get(accountId)?.released, timeout]);
      clearTimeout(timer);
    }
  }

  /** Waits until the account's session is free, then takes it. */
  async acquire(accountId: string, owner: SessionOwner): Promise<() => void> {
    for (;;) {
      const release = this.tryAcquire(accountId, owner);
      if (release !== undefined) return release;
      await this.holders.get(accountId)?.released;
    }
  }
}
