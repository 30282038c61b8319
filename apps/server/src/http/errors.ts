import type { Locale } from '@propdesk/contracts';

export interface Localized {
  zh: string;
  en: string;
}

/**
 * The one error every layer throws. The error handler turns it into
 * `{ error: code, message: <caller's language>, details? }` with its status.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Localized,
    readonly details?: unknown,
  ) {
    super(text.en);
  }

  localized(locale: Locale): string {
    return locale === 'en' ? this.text.en : this.text.zh;
  }
}

export const notFound = (what: Localized = { zh: '记录', en: 'record' }) =>
  new AppError(404, 'not_found', { zh: `${what.zh}不存在`, en: `The ${what.en} does not exist` });

export const conflict = (code: string, text: Localized, details?: unknown) => new AppError(409, code, text, details);

export const badRequest = (code: string, text: Localized, details?: unknown) => new AppError(400, code, text, details);

export const forbidden = () =>
  new AppError(403, 'forbidden', { zh: '您没有执行此操作的权限', en: 'You do not have permission to do this' });

export const unauthorized = () =>
  new AppError(401, 'unauthorized', { zh: '请先登录', en: 'Please sign in first' });

/** A field-level validation failure raised by a service (after the schema passed). */
export const fieldInvalid = (path: string, text: Localized) =>
  new AppError(400, 'validation_failed', { zh: `输入有误：${text.zh}`, en: `Invalid input: ${text.en}` }, [
    { path, message: text.en, messageZh: text.zh },
  ]);
