import { z } from 'zod';
import { Id, Instant, Locale, Name } from './common.js';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const UserSummary = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  locale: Locale,
  orgUnitId: Id.nullable(),
  mustChangePassword: z.boolean(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const LoginResponse = z.object({ user: UserSummary, csrfToken: z.string() });

export const MeResponse = z.object({
  user: UserSummary,
  permissions: z.array(z.string()),
  scopes: z.array(Id),
  csrfToken: z.string().nullable(),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const UpdateMeBody = z.strictObject({ locale: Locale.optional(), displayName: Name.optional() });

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(8, 'at least 8 characters').max(200),
});

export const CreateTokenBody = z.strictObject({ name: Name });
export const CreatedToken = z.object({ id: Id, token: z.string() });
export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  prefix: z.string(),
  createdAt: Instant,
  lastUsedAt: Instant.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;
