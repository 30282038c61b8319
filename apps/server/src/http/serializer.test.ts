import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { page, Ticket, TicketSummary } from '@propdesk/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sameBothWays, serializerCompiler } from './serializer.js';

async function appWith(schema: z.ZodType, answer: unknown) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.get('/', { schema: { response: { 200: schema } } }, async () => answer as never);
  await app.ready();
  return app;
}

describe('response serializer', () => {
  it('takes the parse path for the ticket contracts (plain data both ways)', () => {
    expect(sameBothWays(page(TicketSummary))).toBe(true);
    expect(sameBothWays(Ticket)).toBe(true);
  });

  it('keeps encode for schemas that act in one direction, or that it does not know', () => {
    expect(sameBothWays(z.object({ a: z.string().default('x') }))).toBe(false);
    expect(sameBothWays(z.object({ a: z.array(z.number().catch(0)) }))).toBe(false);
    expect(sameBothWays(z.object({ a: z.string().transform((s) => s.length) }))).toBe(false);
    expect(sameBothWays(z.object({ a: z.preprocess((v) => v, z.string()) }))).toBe(false);
    expect(sameBothWays(z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() }))).toBe(false);
    expect(sameBothWays(z.object({ a: z.custom<string>(() => true) }))).toBe(false);
  });

  it('sends what the contract allows and drops what it does not know', async () => {
    const app = await appWith(z.object({ a: z.string(), b: z.number().nullable() }), { a: 'x', b: null, secret: 'no' });
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('{"a":"x","b":null}');
  });

  it('still refuses an answer that breaks its contract (500), on both paths', async () => {
    for (const schema of [z.object({ a: z.string() }), z.object({ a: z.string(), d: z.string().default('x') })]) {
      const app = await appWith(schema, { a: 1 });
      expect((await app.inject('/')).statusCode).toBe(500);
    }
    // A default is not filled in on the way out (as with encode): a missing field is an error.
    const app = await appWith(z.object({ a: z.string(), d: z.string().default('x') }), { a: 'x' });
    expect((await app.inject('/')).statusCode).toBe(500);
  });
});
