import { sqliteTable, integer, text, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A sales region with its IANA time zone: "local day" in reports is the manager's zone. */
export const regions = sqliteTable(
  'regions',
  {
    id: integer('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
  },
  (t) => [uniqueIndex('regions_code_uq').on(t.code)],
);

export const userRoles = ['manager', 'head', 'admin'] as const;
export type UserRole = (typeof userRoles)[number];

export const userLangs = ['ru', 'en'] as const;

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: userRoles }).notNull(),
    passwordHash: text('password_hash').notNull(),
    /** PBX extension (внутренний номер) used to map calls to the manager. */
    phoneExtension: text('phone_extension'),
    timeZone: text('time_zone').notNull(),
    /** The interface language, the user's own setting (the menu's switch, the admin's users page); Russian by default. */
    lang: text('lang', { enum: userLangs }).notNull().default('ru'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email), uniqueIndex('users_extension_uq').on(t.phoneExtension)],
);

/** For a manager: regions whose pool he works; for a head: regions he heads. */
export const userRegions = sqliteTable(
  'user_regions',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.regionId] }), index('user_regions_region_idx').on(t.regionId)],
);
