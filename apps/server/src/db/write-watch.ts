import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';

/**
 * Knows when some tables may have changed: `generation` grows after every committed statement
 * that writes to one of them, whoever wrote it (any module, raw SQL included). A cache of rows
 * from those tables is valid while the generation it was filled at is still the current one.
 *
 * Bumped after the commit, not at the statement: on PostgreSQL another connection may read the old
 * rows until then; a reader that started before the bump sees a newer generation afterwards and
 * drops what it read. A rolled-back write bumps it too (harmless: the cache is only refilled).
 */
export class WriteWatch {
  generation = 0;

  constructor(private readonly tables: RegExp) {}

  /** May this statement change a watched table? Anything but a select that names one of them. */
  touches(sql: string): boolean {
    return !/^\s*select\b/i.test(sql) && this.tables.test(sql);
  }
}

/** The dialect with its driver wrapped so that committed writes to the watched tables bump `watch`. */
export function watchingWrites(dialect: Dialect, watch: WriteWatch): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => new WatchingDriver(dialect.createDriver(), watch),
  };
}

class WatchedConnection implements DatabaseConnection {
  inTransaction = false;
  wrote = false;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly watch: WriteWatch,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const write = this.watch.touches(query.sql);
    try {
      return await this.inner.executeQuery<R>(query);
    } finally {
      // Outside a transaction the statement committed by itself.
      if (write && this.inTransaction) this.wrote = true;
      else if (write) this.watch.generation++;
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class WatchingDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly watch: WriteWatch,
  ) {
    // Savepoints only where the wrapped driver has them (Kysely checks for the methods).
    if (inner.savepoint) this.savepoint = (c, name, compile) => inner.savepoint!(innerOf(c), name, compile);
    if (inner.rollbackToSavepoint) this.rollbackToSavepoint = (c, name, compile) => inner.rollbackToSavepoint!(innerOf(c), name, compile);
    if (inner.releaseSavepoint) this.releaseSavepoint = (c, name, compile) => inner.releaseSavepoint!(innerOf(c), name, compile);
  }

  savepoint?: Driver['savepoint'];
  rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  releaseSavepoint?: Driver['releaseSavepoint'];

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new WatchedConnection(await this.inner.acquireConnection(), this.watch);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    await this.inner.beginTransaction(innerOf(connection), settings);
    (connection as WatchedConnection).inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection) {
    try {
      await this.inner.commitTransaction(innerOf(connection));
    } finally {
      this.ended(connection as WatchedConnection);
    }
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    try {
      await this.inner.rollbackTransaction(innerOf(connection));
    } finally {
      this.ended(connection as WatchedConnection);
    }
  }

  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(innerOf(connection));
  }

  destroy() {
    return this.inner.destroy();
  }

  private ended(c: WatchedConnection) {
    if (c.wrote) this.watch.generation++;
    c.inTransaction = false;
    c.wrote = false;
  }
}

const innerOf = (c: DatabaseConnection) => (c as WatchedConnection).inner;
