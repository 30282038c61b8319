import type { Expression, SqlBool } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { FilesTable } from '../../db/schema.js';
import type { FileOwnerType } from './files.policy.js';

/** A file's description with the name of whoever uploaded it (never the bytes). */
export type FileMetaRow = Omit<FilesTable, 'content'> & { created_by_name: string | null };

const META_COLUMNS = ['f.id', 'f.project_id', 'f.owner_type', 'f.owner_id', 'f.purpose', 'f.name', 'f.mime', 'f.size', 'f.created_by', 'f.created_at'] as const;

/** Every SQL statement about stored files. */
export const filesRepository = {
  async insert(db: Tx, row: FilesTable) {
    await db.insertInto('files').values(row).execute();
  },

  async countByOwner(db: Tx, ownerType: FileOwnerType, ownerId: string): Promise<number> {
    const r = await db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner_type', '=', ownerType)
      .where('owner_id', '=', ownerId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /**
   * Holds the owner's row until the transaction ends, so two uploads to one owner count its files
   * one after the other (PostgreSQL; SQLite runs one transaction at a time anyway). The row does
   * not change — no version bump: attaching a photo must not make a colleague's action fail.
   */
  async lockOwner(db: Tx, ownerType: FileOwnerType, ownerId: string): Promise<void> {
    // A notice's waiting uploads belong to their uploader: his user row is what one counts under.
    if (ownerType === 'notice_upload') await db.updateTable('users').set((eb) => ({ display_name: eb.ref('display_name') })).where('id', '=', ownerId).execute();
    else if (ownerType === 'notice') throw new Error('a notice\'s files are claimed from its uploads, never stored to it directly');
    else if (ownerType === 'ticket') await db.updateTable('tickets').set((eb) => ({ version: eb.ref('version') })).where('id', '=', ownerId).execute();
    else if (ownerType === 'renovation') await db.updateTable('renovations').set((eb) => ({ version: eb.ref('version') })).where('id', '=', ownerId).execute();
    else await db.updateTable('work_orders').set((eb) => ({ version: eb.ref('version') })).where('id', '=', ownerId).execute();
  },

  /** The files of the given owners, oldest first. */
  async listForOwners(db: Tx, owners: { type: FileOwnerType; ids: string[] }[]): Promise<FileMetaRow[]> {
    const wanted = owners.filter((o) => o.ids.length > 0);
    if (wanted.length === 0) return [];
    return db
      .selectFrom('files as f')
      .leftJoin('users as u', 'u.id', 'f.created_by')
      .select([...META_COLUMNS, 'u.display_name as created_by_name'])
      .where((eb) => eb.or(wanted.map((o): Expression<SqlBool> => eb.and([eb('f.owner_type', '=', o.type), eb('f.owner_id', 'in', o.ids)]))))
      .orderBy('f.created_at')
      .orderBy('f.id')
      .execute();
  },

  /**
   * Publishing a notice takes the files its author uploaded for it (still waiting, in its project):
   * one conditional UPDATE, so a file goes to one notice only. Answers how many it took.
   */
  async claimNoticeUploads(db: Tx, c: { ids: string[]; projectId: string; uploadedBy: string; noticeId: string }): Promise<number> {
    if (c.ids.length === 0) return 0;
    const r = await db.updateTable('files').set({ owner_type: 'notice', owner_id: c.noticeId })
      .where('id', 'in', c.ids).where('owner_type', '=', 'notice_upload').where('owner_id', '=', c.uploadedBy).where('project_id', '=', c.projectId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  findMeta(db: Tx, id: string): Promise<FileMetaRow | undefined> {
    return db
      .selectFrom('files as f')
      .leftJoin('users as u', 'u.id', 'f.created_by')
      .select([...META_COLUMNS, 'u.display_name as created_by_name'])
      .where('f.id', '=', id)
      .executeTakeFirst();
  },

  /** The stored bytes (a Buffer on both databases: bytea on PostgreSQL, blob on SQLite). */
  async findContent(db: Tx, id: string): Promise<Buffer | undefined> {
    const r = await db.selectFrom('files').select('content').where('id', '=', id).executeTakeFirst();
    return r ? Buffer.from(r.content) : undefined;
  },
};
