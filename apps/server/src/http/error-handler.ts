import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from './errors.js';
import { requestLocale } from './locale.js';

/** Fastify's own 4xx errors, with a code and words a person can act on. */
const FASTIFY_ERRORS: Record<string, { code: string; zh: string; en: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', zh: '请求内容为空', en: 'The request body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'body_too_large', zh: '上传内容过大', en: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', zh: '不支持的内容类型', en: 'Unsupported content type' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'expected_file_upload', zh: '请以文件上传方式提交（multipart/form-data）', en: 'Send the file as multipart/form-data' },
  FST_REQ_FILE_TOO_LARGE: { code: 'file_too_large', zh: '文件过大', en: 'The file is too large' },
};

/** The one error shape: `{ error, message, details? }`; never a stack trace to the client. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const locale = requestLocale(req);
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: err.code, message: err.localized(locale), ...(err.details !== undefined ? { details: err.details } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const details = err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message,
        ...(v.keyword === 'unrecognized_keys' ? { keys: (v.params as { keys?: string[] })?.keys } : {}),
      }));
      const first = details[0];
      return reply.status(400).send({
        error: 'validation_failed',
        message:
          locale === 'en'
            ? `Invalid input${first ? `: ${first.path} — ${first.message}` : ''}`
            : `输入有误${first ? `：${first.path} — ${first.message}` : ''}`,
        details,
      });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause?.issues }, 'response does not match its contract');
    } else if (err.statusCode === 429) {
      return reply.status(429).send({
        error: 'too_many_requests',
        message: locale === 'en' ? 'Too many requests: wait a minute and try again' : '请求过于频繁，请稍候一分钟再试',
      });
    } else if (err.code && FASTIFY_ERRORS[err.code]) {
      const m = FASTIFY_ERRORS[err.code]!;
      return reply.status(err.statusCode ?? 400).send({ error: m.code, message: locale === 'en' ? m.en : m.zh });
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: 'bad_request', message: locale === 'en' ? 'The request could not be processed' : '请求无法处理', details: { reason: err.message } });
    } else {
      req.log.error({ err }, 'unhandled error');
    }
    return reply.status(500).send({
      error: 'internal_error',
      message: locale === 'en' ? 'Something went wrong on the server; it has been logged. Please try again.' : '服务器出错，已记录日志，请稍后重试',
    });
  });
}
