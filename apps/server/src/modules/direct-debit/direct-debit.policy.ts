/** Reading the bank's result file: each row names an item of the batch and says 成功 or 失败 (with a reason). */
import type { SheetRow } from '../../lib/xlsx.js';

const SUCCESS = new Set(['成功', '扣款成功', 'success', 'succeeded', 'ok', 's', '1']);
const FAILURE = new Set(['失败', '扣款失败', 'fail', 'failed', 'f', '0']);

export function parseBankResult(
  rows: readonly SheetRow[],
  itemIds: ReadonlySet<string>,
): { results: Map<string, { ok: true } | { ok: false; reason: string }>; errors: { row: number; field?: string; message: string }[] } {
  const results = new Map<string, { ok: true } | { ok: false; reason: string }>();
  const errors: { row: number; field?: string; message: string }[] = [];
  for (const r of rows) {
    const id = r.values.itemId ?? '';
    const result = (r.values.result ?? '').trim().toLowerCase();
    if (!itemIds.has(id)) {
      errors.push({ row: r.row, field: 'itemId', message: `明细编号“${id}”不属于该批次 / item "${id}" is not in this batch` });
      continue;
    }
    if (results.has(id)) {
      errors.push({ row: r.row, field: 'itemId', message: `明细编号“${id}”重复 / item "${id}" appears twice` });
      continue;
    }
    if (SUCCESS.has(result)) results.set(id, { ok: true });
    else if (FAILURE.has(result)) results.set(id, { ok: false, reason: r.values.reason?.trim() || '银行未说明原因' });
    else errors.push({ row: r.row, field: 'result', message: `结果须为“成功”或“失败” / result must be 成功 or 失败 (got "${r.values.result ?? ''}")` });
  }
  return { results, errors };
}
