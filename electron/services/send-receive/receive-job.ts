/**
 * What the main thread hands the receive worker, as seen from the Send/Receive service: the job's
 * own description lives with the job (`jobs/receive/receive-job.ts`), which runs in the worker.
 */
export type { ReceiveConnection, ReceiveJob } from '../../jobs/receive/receive-job';
