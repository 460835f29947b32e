import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One message the .eml transport wrote. */
export interface SentMail {
  to: string;
  subject: string;
  text: string;
}

// nodemailer writes long lines quoted-printable (`=` as `=3D`, soft breaks as `=\n`).
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// Mail leaves through the outbox: a test context registers its worker's drain here, so reading the
// mailbox first sends whatever is due (in the test's process, on its TestClock, without sleeping).
const drains = new Map<string, () => Promise<unknown>>();

/** Makes `readMailbox(dataDir)` drain an outbox first; returns the unregistering function. */
export function registerMailDrain(dataDir: string, drain: () => Promise<unknown>): () => void {
  drains.set(dataDir, drain);
  return () => drains.delete(dataDir);
}

/** Every message in `${dataDir}/mail`, oldest first (file names start with the send time). */
export async function readMailbox(dataDir: string): Promise<SentMail[]> {
  await drains.get(dataDir)?.();
  const dir = join(dataDir, 'mail');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.eml')).sort();
  const mails: SentMail[] = [];
  for (const name of names) {
    const raw = await readFile(join(dir, name), 'utf8');
    const split = raw.indexOf('\n\n');
    const head = raw.slice(0, split).replace(/\n[ \t]+/g, ' ');
    const header = (field: string) => new RegExp(`^${field}: (.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
    const body = raw.slice(split + 2);
    const text = /quoted-printable/i.test(header('Content-Transfer-Encoding')) ? decodeQuotedPrintable(body) : body;
    mails.push({ to: header('To'), subject: header('Subject'), text });
  }
  return mails;
}

/** The `token` of the newest link to `path` (e.g. '/verify-email') mailed to `to`; throws when none. */
export async function mailedToken(dataDir: string, to: string, path: string): Promise<string> {
  const mails = (await readMailbox(dataDir)).filter((mail) => mail.to.includes(to)).reverse();
  for (const mail of mails) {
    const match = new RegExp(`https?://[^\\s]+${path.replace(/[/-]/g, '\\$&')}\\?token=([A-Za-z0-9_-]+)`).exec(
      mail.text,
    );
    if (match) return match[1]!;
  }
  throw new Error(`no mail to ${to} with a ${path} link (mails: ${mails.length})`);
}
