import { BUILTIN_ROLES } from '@propdesk/contracts';
import type { Tx } from '../db/database.js';
import { newId } from '../lib/ids.js';
import { nowIso } from '../lib/time.js';

/** The built-in roles exist and carry the current permission list (new permissions reach them on upgrade). */
export async function ensureBuiltinRoles(tx: Tx): Promise<Map<string, string>> {
  const existing = await tx.selectFrom('roles').select(['id', 'code']).execute();
  const ids = new Map(existing.map((r) => [r.code, r.id]));
  for (const [code, def] of Object.entries(BUILTIN_ROLES)) {
    const permissions = JSON.stringify(def.permissions);
    const id = ids.get(code);
    if (id) {
      await tx.updateTable('roles').set({ permissions, name: def.zh, name_en: def.en, builtin: 1 }).where('id', '=', id).execute();
    } else {
      const newRoleId = newId();
      await tx.insertInto('roles').values({ id: newRoleId, code, name: def.zh, name_en: def.en, permissions, builtin: 1, created_at: nowIso() }).execute();
      ids.set(code, newRoleId);
    }
  }
  return ids;
}
