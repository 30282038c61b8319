import type { FormInstance } from 'antd';
import { message } from 'antd';
import { ApiError } from '../../api/client';
import type { T } from '../../i18n/i18n';

/**
 * Shows a failed mutation: the server's per-field messages on the form fields (paths like
 * "body.phone" from schema validation, or "currentPassword" from a service), and a toast.
 */
export function showApiError(e: unknown, t: T, form?: FormInstance, locale?: string) {
  if (e instanceof ApiError) {
    if (form && Array.isArray(e.details)) {
      const fields = (e.details as { path?: string; message?: string; messageZh?: string }[])
        .filter((d) => typeof d.path === 'string' && !/^(params|querystring|headers)\./.test(d.path))
        .map((d) => {
          const path = d.path!.startsWith('body.') ? d.path!.slice(5) : d.path!;
          // A service's own refusal (username taken, wrong password) carries its words in e.message,
          // already in the caller's language; schema details are per field (Chinese when given).
          const text = e.code !== 'validation_failed' ? e.message : locale !== 'en' && d.messageZh ? d.messageZh : d.message ?? e.message;
          return { name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [text] };
        });
      if (fields.length) form.setFields(fields);
    }
    message.error(e.message);
  } else {
    message.error(t('网络错误，请检查连接后重试', 'Network error: check the connection and try again'));
  }
}
