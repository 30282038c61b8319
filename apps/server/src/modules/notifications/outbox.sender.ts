/**
 * Pluggable senders for the outbox (SMS and e-mail). The default sends nothing: messages stay
 * 'pending' in the outbox, nothing leaves the machine. With PROPDESK_SMTP_URL set, e-mails go
 * out through a plain SMTP server (AUTH LOGIN, text only); SMS waits for a gateway sender.
 */
import net from 'node:net';
import os from 'node:os';
import tls from 'node:tls';

export interface OutboxMessage {
  id: string;
  channel: 'sms' | 'email';
  recipient: string;
  subject: string | null;
  body: string;
}

export interface OutboxSender {
  /** The channels this sender delivers; rows of other channels stay pending for another sender. */
  readonly channels: ReadonlySet<OutboxMessage['channel']>;
  /** Resolves once the message was accepted by the next hop; throws to have it retried. */
  send(msg: OutboxMessage): Promise<void>;
}

/** The default: delivers nothing, so every row stays 'pending' and can be read in the outbox table. */
export class OutboxOnlySender implements OutboxSender {
  readonly channels: ReadonlySet<OutboxMessage['channel']> = new Set();
  async send(): Promise<void> {}
}

interface Reply {
  code: number;
  text: string;
}

/** Reads SMTP replies (multi-line "250-…" up to the final "250 …") one at a time. */
function replyReader(socket: net.Socket) {
  let buf = '';
  let lines: string[] = [];
  const replies: Reply[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buf += chunk;
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i).replace(/\r$/, '');
      buf = buf.slice(i + 1);
      lines.push(line);
      if (/^\d{3}(?: |$)/.test(line)) {
        replies.push({ code: Number(line.slice(0, 3)), text: lines.join('\n') });
        lines = [];
      }
    }
    wake?.();
  });
  socket.on('error', (e) => { failure = e; wake?.(); });
  socket.on('close', () => { failure ??= new Error('SMTP connection closed'); wake?.(); });
  return async function next(): Promise<Reply> {
    while (replies.length === 0) {
      if (failure) throw failure;
      await new Promise<void>((r) => (wake = r));
      wake = null;
    }
    return replies.shift()!;
  };
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
/** Base64 body in 76-character lines: no line is ever "." and no 8-bit data crosses the wire. */
const b64Lines = (s: string) => b64(s).replace(/.{76}/g, '$&\r\n');
const ADDRESS = /^[^\s<>@]+@[^\s<>@]+$/;

/** E-mail through an SMTP server: smtp://user:pass@host:587 (or smtps:// for TLS from the start), ?from=address. */
export class SmtpSender implements OutboxSender {
  readonly channels: ReadonlySet<OutboxMessage['channel']> = new Set(['email'] as const);
  private readonly url: URL;

  constructor(url: string, private readonly timeoutMs = 20_000) {
    this.url = new URL(url);
    if (this.url.protocol !== 'smtp:' && this.url.protocol !== 'smtps:') throw new Error('PROPDESK_SMTP_URL must start with smtp:// or smtps://');
  }

  async send(msg: OutboxMessage): Promise<void> {
    const u = this.url;
    const from = u.searchParams.get('from') ?? `propdesk@${u.hostname}`;
    if (!ADDRESS.test(msg.recipient) || !ADDRESS.test(from)) throw new Error(`not an e-mail address: ${msg.recipient}`);
    const secure = u.protocol === 'smtps:';
    const port = Number(u.port || (secure ? 465 : 25));
    const socket = secure ? tls.connect({ host: u.hostname, port, servername: u.hostname }) : net.connect({ host: u.hostname, port });
    socket.setTimeout(this.timeoutMs, () => socket.destroy(new Error('SMTP server timed out')));
    const next = replyReader(socket);
    const expect = async (line: string | null, ok: number[]) => {
      if (line !== null) socket.write(line + '\r\n');
      const r = await next();
      if (!ok.includes(r.code)) throw new Error(`SMTP ${line?.split(' ')[0] ?? 'greeting'}: ${r.text}`.slice(0, 500));
    };
    try {
      await expect(null, [220]);
      await expect(`EHLO ${os.hostname() || 'propdesk'}`, [250]);
      if (u.username) {
        await expect('AUTH LOGIN', [334]);
        await expect(b64(decodeURIComponent(u.username)), [334]);
        await expect(b64(decodeURIComponent(u.password)), [235]);
      }
      await expect(`MAIL FROM:<${from}>`, [250]);
      await expect(`RCPT TO:<${msg.recipient}>`, [250, 251]);
      await expect('DATA', [354]);
      const headers = [
        `From: <${from}>`,
        `To: <${msg.recipient}>`,
        `Subject: =?UTF-8?B?${b64(msg.subject ?? '')}?=`,
        `Date: ${new Date().toUTCString()}`,
        `Message-ID: <${msg.id}@${u.hostname}>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: base64',
      ];
      await expect(`${headers.join('\r\n')}\r\n\r\n${b64Lines(msg.body)}\r\n.`, [250]);
      await expect('QUIT', [221]).catch(() => undefined); // accepted already; a rude goodbye is no failure
    } finally {
      socket.destroy();
    }
  }
}

/** The sender the configuration asks for. */
export function outboxSenderFor(config: { smtpUrl?: string }): OutboxSender {
  return config.smtpUrl ? new SmtpSender(config.smtpUrl) : new OutboxOnlySender();
}
