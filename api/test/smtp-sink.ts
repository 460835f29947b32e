import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

/** A message the sink received, parsed. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Header name (lower case) → value as sent. */
  headers: Map<string, string>;
}

function toReceived(mail: ParsedMail): ReceivedMail {
  const headers = new Map<string, string>();
  for (const line of mail.headerLines) headers.set(line.key, line.line.slice(line.line.indexOf(':') + 1).trim());
  const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
  return {
    to,
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    messageId: mail.messageId ?? '',
    headers,
  };
}

/**
 * A real SMTP server (`smtp-server` from npm) on 127.0.0.1 and a free port, no TLS, no auth: the
 * product's SMTP transport talks to it as to any mail server. `next(n)` waits for arrivals (resolved
 * by the server's own events, never by polling or sleeping).
 */
export async function startSmtpSink({ rejectFirst = 0 }: { rejectFirst?: number } = {}) {
  const received: ReceivedMail[] = [];
  /** Messages refused with a temporary error (the first `rejectFirst` ones), as the sender sent them. */
  const rejected: ReceivedMail[] = [];
  const waiters: Array<{ done: (received: ReceivedMail[]) => boolean; resolve: () => void }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (rejected.length < rejectFirst) {
            rejected.push(toReceived(mail));
            const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
            callback(error);
            return;
          }
          received.push(toReceived(mail));
          for (const w of waiters.filter((w) => w.done(received))) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    rejected,
    /** Resolves once `done` holds for the messages received so far (checked at each arrival). */
    waitFor(done: (received: ReceivedMail[]) => boolean): Promise<void> {
      if (done(received)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ done, resolve }));
    },
    /** Resolves once `count` messages in all have arrived. */
    until(count: number): Promise<void> {
      return this.waitFor((all) => all.length >= count);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
