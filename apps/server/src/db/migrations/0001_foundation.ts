import type { Kysely } from 'kysely';

/** Org tree, units, zones, residents, staff, roles, sessions, tokens, audit. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('org_units')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('parent_id', 'varchar(40)', (c) => c.references('org_units.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('code', 'varchar(32)')
    .addColumn('project_type', 'varchar(16)')
    .addColumn('address', 'varchar(200)')
    .addColumn('phone', 'varchar(32)')
    .addColumn('timezone', 'varchar(64)', (c) => c.notNull())
    .addColumn('path', 'varchar(1000)', (c) => c.notNull())
    .addColumn('project_id', 'varchar(40)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_units_parent').on('org_units').column('parent_id').execute();
  await db.schema.createIndex('org_units_path').on('org_units').column('path').execute();
  await db.schema.createIndex('org_units_project').on('org_units').columns(['project_id', 'kind']).execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('building_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('number', 'varchar(32)', (c) => c.notNull())
    .addColumn('floor', 'integer', (c) => c.notNull())
    .addColumn('gross_area', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('units_building_number', ['building_id', 'number'])
    .execute();
  await db.schema.createIndex('units_project').on('units').columns(['project_id', 'building_id', 'number']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('phone', 'varchar(32)')
    .addColumn('position', 'varchar(100)')
    .addColumn('org_unit_id', 'varchar(40)', (c) => c.references('org_units.id'))
    .addColumn('password_hash', 'varchar(200)', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locale', 'varchar(8)', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'varchar(30)')
    .addColumn('education', 'varchar(20)')
    .addColumn('birth_date', 'varchar(10)')
    .addColumn('health_cert_expiry', 'varchar(10)')
    .addColumn('experience_years', 'integer')
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('trainings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('leader_id', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('teams_project_name', ['project_id', 'name'])
    .execute();
  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'varchar(40)', (c) => c.notNull().references('teams.id'))
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('team_members_user').on('team_members').column('user_id').execute();

  await db.schema
    .createTable('zones')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('team_id', 'varchar(40)', (c) => c.references('teams.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('zones_project_name', ['project_id', 'name'])
    .execute();
  await db.schema
    .createTable('zone_buildings')
    .addColumn('zone_id', 'varchar(40)', (c) => c.notNull().references('zones.id'))
    // A building belongs to at most one zone: routing must never be ambiguous.
    .addColumn('building_id', 'varchar(40)', (c) => c.primaryKey().references('org_units.id'))
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('zone_buildings_zone').on('zone_buildings').column('zone_id').execute();

  await db.schema
    .createTable('residents')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('phone', 'varchar(32)', (c) => c.notNull())
    .addColumn('phone_rev', 'varchar(32)', (c) => c.notNull())
    .addColumn('id_number', 'varchar(30)')
    .addColumn('note', 'varchar(500)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('residents_project_phone_rev').on('residents').columns(['project_id', 'phone_rev']).execute();
  await db.schema.createIndex('residents_project_name').on('residents').columns(['project_id', 'name']).execute();

  await db.schema
    .createTable('resident_units')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('resident_id', 'varchar(40)', (c) => c.notNull().references('residents.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('units.id'))
    .addColumn('relation', 'varchar(16)', (c) => c.notNull())
    .addColumn('start_date', 'varchar(10)')
    .addColumn('end_date', 'varchar(10)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resident_units_resident').on('resident_units').column('resident_id').execute();
  await db.schema.createIndex('resident_units_unit').on('resident_units').column('unit_id').execute();

  await db.schema
    .createTable('roles')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(100)', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('role_grants')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id'))
    .addColumn('role_id', 'varchar(40)', (c) => c.notNull().references('roles.id'))
    .addColumn('org_unit_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('role_grants_unique', ['user_id', 'role_id', 'org_unit_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(300)')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('prefix', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_used_at', 'varchar(30)')
    .addColumn('revoked_at', 'varchar(30)')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(40)')
    .addColumn('actor_name', 'varchar(100)')
    .addColumn('action', 'varchar(60)', (c) => c.notNull())
    .addColumn('entity', 'varchar(40)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(40)')
    .addColumn('project_id', 'varchar(40)')
    .addColumn('changes', 'text')
    .addColumn('ip', 'varchar(64)')
    .execute();
  await db.schema.createIndex('audit_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('foundation migration cannot be reverted');
}
