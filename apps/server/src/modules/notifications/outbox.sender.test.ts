import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxOnlySender, outboxSenderFor, SmtpSender, type OutboxMessage } from './outbox.sender.js';

/** A tiny SMTP server on 127.0.0.1: AUTH LOGIN with one account, records every message it accepts. */
interface Received {
  from: string;
  to: string[];
  data: string;
}
function startSmtpServer(opts: { user: string; pass: string; rejectRcpt?: string }) {
  const received: Received[] = [];
  const transcripts: string[][] = [];
  const server = net.createServer((socket) => {
    const said: string[] = [];
    transcripts.push(said);
    let buf = '';
    let mode: 'cmd' | 'user' | 'pass' | 'data' = 'cmd';
    let user = '';
    let authed = false;
    let current: Received = { from: '', to: [], data: '' };
    const reply = (s: string) => socket.write(s + '\r\n');
    reply('220 test.local ESMTP ready');
    socket.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (mode === 'data') {
          if (line === '.') {
            received.push(current);
            current = { from: '', to: [], data: '' };
            mode = 'cmd';
            reply('250 2.0.0 queued');
          } else current.data += line + '\r\n';
          continue;
        }
        said.push(line);
        if (mode === 'user') { user = Buffer.from(line, 'base64').toString(); mode = 'pass'; reply('334 UGFzc3dvcmQ6'); continue; }
        if (mode === 'pass') {
          mode = 'cmd';
          authed = user === opts.user && Buffer.from(line, 'base64').toString() === opts.pass;
          reply(authed ? '235 2.7.0 Authentication successful' : '535 5.7.8 Authentication credentials invalid');
          continue;
        }
        const verb = line.split(/[ :]/)[0]!.toUpperCase();
        if (verb === 'EHLO') { socket.write('250-test.local\r\n250-8BITMIME\r\n250 AUTH LOGIN\r\n'); }
        else if (verb === 'AUTH') { mode = 'user'; reply('334 VXNlcm5hbWU6'); }
        else if (verb === 'MAIL') { if (!authed) reply('530 5.7.0 Authentication required'); else { current.from = line; reply('250 OK'); } }
        else if (verb === 'RCPT') { if (opts.rejectRcpt && line.includes(opts.rejectRcpt)) reply('550 5.1.1 No such user'); else { current.to.push(line); reply('250 OK'); } }
        else if (verb === 'DATA') { mode = 'data'; reply('354 End data with <CR><LF>.<CR><LF>'); }
        else if (verb === 'QUIT') { reply('221 Bye'); socket.end(); }
        else reply('502 Command not implemented');
      }
    });
  });
  return new Promise<{ port: number; received: Received[]; transcripts: string[][]; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({ port, received, transcripts, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

const message: OutboxMessage = {
  id: 'msg00000001',
  channel: 'email',
  recipient: 'owner@example.com',
  subject: '报修 BX-20260316-0007 已完成',
  body: '王先生您好：\n您报修的水管已修好。如有问题请致电客服中心。\n' + '很长的一行'.repeat(40),
};

/** The text parts of a received message: headers as a map, the base64 body decoded. */
function parse(data: string) {
  const [head, body] = data.split('\r\n\r\n');
  const headers = new Map(head!.split('\r\n').map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 2)]));
  return { headers, body: Buffer.from(body!.replace(/\r\n/g, ''), 'base64').toString('utf8'), rawBody: body! };
}

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer({ user: 'desk@example.com', pass: 'p@ss word', rejectRcpt: 'nobody@example.com' });
});
afterAll(() => smtp.close());

describe('outbox senders', () => {
  it('the default sender delivers no channel: nothing leaves the machine', () => {
    expect(new OutboxOnlySender().channels.size).toBe(0);
    expect(outboxSenderFor({})).toBeInstanceOf(OutboxOnlySender);
    expect(outboxSenderFor({ smtpUrl: 'smtp://mail.example.com:25' })).toBeInstanceOf(SmtpSender);
    expect(() => new SmtpSender('http://mail.example.com')).toThrow(/smtp:\/\//);
  });

  it('SMTP: signs in with AUTH LOGIN and sends a UTF-8 text e-mail', async () => {
    const sender = new SmtpSender(`smtp://desk%40example.com:p%40ss%20word@127.0.0.1:${smtp.port}?from=desk@example.com`);
    expect([...sender.channels]).toEqual(['email']);
    await sender.send(message);
    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0]!;
    expect(got.from).toBe('MAIL FROM:<desk@example.com>');
    expect(got.to).toEqual(['RCPT TO:<owner@example.com>']);
    const { headers, body, rawBody } = parse(got.data);
    expect(headers.get('to')).toBe('<owner@example.com>');
    expect(headers.get('from')).toBe('<desk@example.com>');
    expect(headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    const subject = headers.get('subject')!.match(/^=\?UTF-8\?B\?(.*)\?=$/)![1]!;
    expect(Buffer.from(subject, 'base64').toString('utf8')).toBe(message.subject);
    expect(body).toBe(message.body);
    // Lines stay short (SMTP's limit is 998), and no line could end the DATA early.
    expect(rawBody.split('\r\n').every((l) => l.length <= 76 && l !== '.')).toBe(true);
    expect(smtp.transcripts.at(-1)!.at(-1)).toBe('QUIT');
  });

  it('SMTP: a wrong password fails the send, and no mail is handed over', async () => {
    const before = smtp.received.length;
    const sender = new SmtpSender(`smtp://desk%40example.com:wrong@127.0.0.1:${smtp.port}`);
    await expect(sender.send(message)).rejects.toThrow(/535/);
    expect(smtp.received).toHaveLength(before);
    expect(smtp.transcripts.at(-1)!.some((l) => l.startsWith('MAIL'))).toBe(false);
  });

  it('SMTP: a refused recipient fails the send with the server\'s words', async () => {
    const sender = new SmtpSender(`smtp://desk%40example.com:p%40ss%20word@127.0.0.1:${smtp.port}`);
    await expect(sender.send({ ...message, recipient: 'nobody@example.com' })).rejects.toThrow(/550 5\.1\.1 No such user/);
  });

  it('SMTP: refuses an address that would inject headers, without connecting', async () => {
    const connections = smtp.transcripts.length;
    const sender = new SmtpSender(`smtp://127.0.0.1:${smtp.port}`);
    await expect(sender.send({ ...message, recipient: 'a@example.com>\r\nBcc: <b@example.com' })).rejects.toThrow(/not an e-mail address/);
    expect(smtp.transcripts.length).toBe(connections);
  });

  it('SMTP: a server that is not there fails the send (to be retried)', async () => {
    const probe = net.createServer();
    const port = await new Promise<number>((r) => probe.listen(0, '127.0.0.1', () => r((probe.address() as net.AddressInfo).port)));
    await new Promise<void>((r) => probe.close(() => r()));
    await expect(new SmtpSender(`smtp://127.0.0.1:${port}`).send(message)).rejects.toThrow();
  });
});
