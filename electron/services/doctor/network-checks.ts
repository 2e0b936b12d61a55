/**
 * The doctor's look below the protocol engines: does the name resolve, does the port answer, and what
 * exactly does the server's certificate say. The engines stop at the first certificate problem (as
 * they must); here the certificate is taken apart so the user learns which problem it is.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import net from 'node:net';
import tls from 'node:tls';
import type { MailProtocol } from '../../../shared/server-security';
import type { CertificateReasonData } from '../../../shared/certificate-reasons';
import { certificateReasonOfError, deferredVerificationOptions } from '../../protocols/tls-trust';
import { NO_CAPABILITIES, parseCapabilities, stlsWorthTrying } from '../../protocols/pop3';

/** Resolves a host name to addresses (node's `dns.lookup`, replaceable in tests). */
export type HostLookup = (host: string) => Promise<readonly string[]>;

/** The system resolver, as the engines' sockets use it. */
export const systemLookup: HostLookup = async (host) => (await dnsLookup(host, { all: true })).map((entry) => entry.address);

/** Notes for the transcript (`C:`/`S:` lines and `*` remarks). */
export type NoteSink = (line: string) => void;

/** Opens a TCP connection; rejects with the system error (ECONNREFUSED, ETIMEDOUT…). */
export function connectTcp(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => fail(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    const onAbort = (): void => fail(Object.assign(new Error('cancelled'), { code: 'ABORT_ERR' }));
    signal?.addEventListener('abort', onAbort, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('error', fail);
    }
    function fail(error: Error): void {
      done();
      socket.destroy();
      reject(error);
    }
    socket.once('error', fail);
    socket.once('connect', () => {
      done();
      resolve(socket);
    });
  });
}

/** Reads CRLF lines from a plaintext socket during the STARTTLS preamble. */
function lineReader(socket: net.Socket, timeoutMs: number, note: NoteSink) {
  let buffer = '';
  const waiting: Array<(line: string | Error) => void> = [];
  const lines: string[] = [];
  const onData = (chunk: Buffer): void => {
    buffer += chunk.toString('latin1');
    let end: number;
    while ((end = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      note(`S: ${line}`);
      const next = waiting.shift();
      if (next === undefined) lines.push(line);
      else next(line);
    }
  };
  const onClose = (): void => {
    for (const next of waiting.splice(0)) next(new Error('the server closed the connection'));
  };
  socket.on('data', onData);
  socket.once('close', onClose);
  return {
    next(): Promise<string> {
      const ready = lines.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        waiting.push((line) => {
          clearTimeout(timer);
          if (line instanceof Error) reject(line);
          else resolve(line);
        });
      });
    },
    send(line: string): void {
      note(`C: ${line}`);
      socket.write(`${line}\r\n`);
    },
    stop(): void {
      socket.off('data', onData);
      socket.off('close', onClose);
    },
  };
}

/** An SMTP reply (RFC 5321 section 4.2: `250-` continues, `250 ` ends). */
async function smtpReply(reader: ReturnType<typeof lineReader>): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  for (;;) {
    const line = await reader.next();
    lines.push(line.slice(4));
    if (line.charAt(3) !== '-') return { code: Number(line.slice(0, 3)), lines };
  }
}

/**
 * Speaks the plaintext part up to the TLS handshake: POP3 greeting, CAPA, STLS (RFC 2595 section 4);
 * SMTP greeting, EHLO, STARTTLS (RFC 3207 section 4). Returns false when the server does not offer
 * the upgrade (or refuses it).
 */
export async function upgradePreamble(socket: net.Socket, protocol: MailProtocol, timeoutMs: number, note: NoteSink): Promise<boolean> {
  const reader = lineReader(socket, timeoutMs, note);
  try {
    switch (protocol) {
      case 'pop3': {
        if (!(await reader.next()).startsWith('+OK')) return false;
        reader.send('CAPA');
        // Read exactly as the engine reads it, so the doctor never contradicts Send/Receive.
        let capabilities = NO_CAPABILITIES;
        if ((await reader.next()).startsWith('+OK')) {
          const lines: string[] = [];
          for (let line = await reader.next(); line !== '.'; line = await reader.next()) lines.push(line.startsWith('.') ? line.slice(1) : line);
          capabilities = parseCapabilities(lines);
        }
        if (!stlsWorthTrying(capabilities)) return false;
        reader.send('STLS');
        return (await reader.next()).startsWith('+OK');
      }
      case 'smtp': {
        if ((await smtpReply(reader)).code !== 220) return false;
        reader.send('EHLO [127.0.0.1]');
        const ehlo = await smtpReply(reader);
        // Like the engine (which requires TLS for such an account): STARTTLS is asked for after any
        // positive EHLO, listed or not; the server's 220 is the answer that counts (RFC 3207 §4).
        if (Math.floor(ehlo.code / 100) !== 2) return false;
        reader.send('STARTTLS');
        return (await smtpReply(reader)).code === 220;
      }
    }
  } finally {
    reader.stop();
  }
}

/** What the server's certificate and handshake showed. */
export interface TlsInspection {
  /** The chain leads to a trusted root (system roots plus the account's extra CA). */
  readonly trusted: boolean;
  /** Why it is not trusted (the kind of reason, with OpenSSL's code such as DEPTH_ZERO_SELF_SIGNED_CERT), worded by whoever shows it. */
  readonly trustReason: CertificateReasonData | undefined;
  /** The certificate names the host (RFC 6125). */
  readonly nameMatches: boolean;
  readonly nameError: string | undefined;
  readonly expired: boolean;
  readonly notYetValid: boolean;
  readonly validFrom: string;
  readonly validTo: string;
  /** For example `TLSv1.3`. */
  readonly protocol: string;
  readonly subject: string;
  readonly issuer: string;
  readonly altNames: string;
  /** Upper-case hex with colons, as Node prints it. */
  readonly fingerprint256: string;
}

/**
 * Runs a TLS handshake over `socket` and reports what it saw, judging nothing: the socket is closed
 * right after, before anything is sent over it, and the report (Node's verdict on the chain, the name
 * check, the dates) is what the doctor shows.
 */
export function inspectTls(
  socket: net.Socket,
  options: { readonly host: string; readonly ca: string | undefined; readonly timeoutMs: number; readonly now: number },
): Promise<TlsInspection> {
  return new Promise((resolve, reject) => {
    const secure = tls.connect({
      socket,
      ...deferredVerificationOptions({ extraCa: options.ca, servername: net.isIP(options.host) === 0 ? options.host : undefined }),
    });
    const timer = setTimeout(() => finish(new Error(`the TLS handshake took longer than ${options.timeoutMs} ms`)), options.timeoutMs);
    function finish(outcome: TlsInspection | Error): void {
      clearTimeout(timer);
      secure.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    }
    secure.once('error', (error) => finish(error));
    secure.once('secureConnect', () => {
      const certificate = secure.getPeerCertificate(false);
      const nameError = tls.checkServerIdentity(options.host, certificate);
      const validFrom = Date.parse(certificate.valid_from);
      const validTo = Date.parse(certificate.valid_to);
      finish({
        trusted: secure.authorized,
        trustReason:
          secure.authorizationError === undefined || secure.authorizationError === null ? undefined : certificateReasonOfError(secure.authorizationError),
        nameMatches: nameError === undefined,
        nameError: nameError?.message,
        expired: validTo < options.now,
        notYetValid: validFrom > options.now,
        validFrom: new Date(validFrom).toISOString(),
        validTo: new Date(validTo).toISOString(),
        protocol: secure.getProtocol() ?? 'unknown',
        subject: certificate.subject?.CN === undefined ? '' : String(certificate.subject.CN),
        issuer: certificate.issuer?.CN === undefined ? '' : String(certificate.issuer.CN),
        altNames: certificate.subjectaltname ?? '',
        fingerprint256: certificate.fingerprint256,
      });
    });
  });
}
