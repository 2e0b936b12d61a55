import WebSocket from 'ws';
import type { OperationInput, OperationResult } from '../../../shared/ipc/contract';
import type { OperationName } from '../../../shared/ipc/names';
import type { WireMessage } from '../../../shared/ipc/wire';

/**
 * The contract spoken from the test process through the browser bridge's own WebSocket (same token,
 * same Origin check as the page), for arranging state a scenario does not exercise through the UI —
 * e.g. an account that exists before the page opens.
 */
export interface ContractClient {
  call<N extends OperationName>(name: N, input: OperationInput<N> | undefined): Promise<OperationResult<N>>;
  close(): Promise<void>;
}

/** Connects to the bridge serving `url` (the address `npm run web` printed). */
export async function connectContract(url: string): Promise<ContractClient> {
  const page = new URL(url);
  const socket = new WebSocket(`ws://${page.host}/ws?token=${encodeURIComponent(page.searchParams.get('token') ?? '')}`, { origin: page.origin });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const pending = new Map<number, (result: unknown) => void>();
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as WireMessage;
    if (message.kind === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    }
  });
  let nextId = 1;
  return {
    call(name, input) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: unknown) => void);
        socket.send(JSON.stringify({ id, operation: name, input }));
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}
