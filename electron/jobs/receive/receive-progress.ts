/** Progress reporting of a receive run: sequenced events, throttled while bytes stream in. */
import { markPhase } from '../phase-marks';
import type { ReceivePhase, ReceiveProgress } from './receive-types';

/** Least time between two progress events while downloading (phase changes are always sent). */
export const PROGRESS_INTERVAL_MS = 200;

/** Counts what a run has done and sends `ReceiveProgress` events numbered from 1. */
export class ProgressTracker {
  private seq = 0;
  private phase: ReceivePhase = 'connecting';
  private lastSent = Number.NEGATIVE_INFINITY;
  private finishedBytes = 0;
  private currentIndex = -1;
  private currentBytes = 0;
  private bytesArrived = false;
  messagesDone = 0;
  messagesTotal = 0;
  bytesTotal = 0;

  constructor(
    private readonly accountId: string,
    private readonly send: ((progress: ReceiveProgress) => void) | undefined,
    private readonly clock: () => number,
  ) {}

  /** Enters a phase and reports it. */
  enter(phase: ReceivePhase): void {
    markPhase(`receive ${phase}`);
    this.phase = phase;
    this.emit(true);
  }

  /** Bytes of the message at `index` of the current batch so far (messages arrive in order). */
  bytes(index: number, bytes: number): void {
    if (!this.bytesArrived) {
      this.bytesArrived = true;
      markPhase('first message bytes');
    }
    if (index !== this.currentIndex) {
      this.finishedBytes += this.currentBytes;
      this.currentIndex = index;
    }
    this.currentBytes = bytes;
    this.emit(false);
  }

  /** A batch's bytes are all in: the next batch's messages count on from here. */
  batchDownloaded(): void {
    markPhase('batch downloaded');
    this.finishedBytes += this.currentBytes;
    this.currentBytes = 0;
    this.currentIndex = -1;
  }

  /** A batch was committed: `messages` of it are done. */
  batchDone(messages: number): void {
    this.messagesDone += messages;
    markPhase(`batch committed ${this.messagesDone}/${this.messagesTotal}`);
    this.emit(true);
  }

  private emit(force: boolean): void {
    if (this.send === undefined) return;
    const now = this.clock();
    if (!force && now - this.lastSent < PROGRESS_INTERVAL_MS) return;
    this.lastSent = now;
    this.seq += 1;
    this.send({
      seq: this.seq,
      accountId: this.accountId,
      phase: this.phase,
      messagesDone: this.messagesDone,
      messagesTotal: this.messagesTotal,
      bytesDone: this.finishedBytes + this.currentBytes,
      bytesTotal: this.bytesTotal,
    });
  }
}
