/** .xlsx over HTTP: the download answer, its OpenAPI description, and reading an uploaded sheet. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { XLSX_MEDIA_TYPE, XlsxFile } from '@propdesk/contracts';
import { badRequest } from './errors.js';

/** Binary answers declare their media type, so the OpenAPI document describes a file download. */
export const xlsxResponse = { 200: { description: '.xlsx file (attachment)', content: { [XLSX_MEDIA_TYPE]: { schema: XlsxFile } } } };

/** Sends a workbook as a download named `filename` (Chinese allowed), `asciiName` for old clients. */
export function sendXlsx(reply: FastifyReply, filename: string, asciiName: string, body: Buffer) {
  return reply
    .header('content-type', XLSX_MEDIA_TYPE)
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}

export const xlsxFileRequired = () =>
  badRequest('file_required', { zh: '请上传 .xlsx 文件（表单字段 file）', en: 'Upload the .xlsx file as the multipart field "file"' });

/** The uploaded file (field "file") and the text fields of a multipart request, in whatever order they came. */
export async function readUpload(req: FastifyRequest): Promise<{ file: Buffer | null; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw xlsxFileRequired();
  let file: Buffer | null = null;
  const fields: Record<string, string> = {};
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname === 'file') file = await part.toBuffer();
      else part.file.resume();
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  return { file, fields };
}
