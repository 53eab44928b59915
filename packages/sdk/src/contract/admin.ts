import { z } from 'zod';
import {
  Capability,
  Email,
  ExternalId,
  Id,
  Language,
  Role,
  Timestamp,
  TimeZone,
} from './common.ts';
import { AccountPasswordPolicy, PasswordPolicy } from './identity.ts';
import { PROFILE_LIMITS } from './profile.ts';

/** How the users of an account sign in: through the host (tokens only) or with Baylink's own login. */
export const IDENTITY_MODES = ['host', 'baylink'] as const;
export const IdentityMode = z.enum(IDENTITY_MODES).meta({ id: 'IdentityMode' });

/** An origin a browser page may call the API from, such as `https://portal.example.com`. */
export const Origin = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (
          (url.protocol === 'https:' || url.protocol === 'http:') &&
          url.origin === value.replace(/\/$/, '')
        );
      } catch {
        return false;
      }
    },
    { message: 'Must be an origin such as https://portal.example.com (scheme, host, port only)' },
  )
  .transform((value) => new URL(value).origin);

/** A page of the host app, such as `https://portal.example.com/settings/notifications`. */
export const PageUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (
          (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password
        );
      } catch {
        return false;
      }
    },
    { message: 'Must be an http(s) URL such as https://portal.example.com/settings/notifications' },
  );

export const Integrator = z
  .object({
    id: Id,
    name: z.string(),
    allowedOrigins: z.array(z.string()),
    /**
     * Where users change their notification settings in your app: linked at the foot of every
     * notification email and in its `List-Unsubscribe` header. Null: the email says where to look.
     */
    notificationSettingsUrl: z.string().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Integrator' });
export type Integrator = z.infer<typeof Integrator>;

export const UpdateIntegrator = z
  .object({
    name: z.string().trim().min(1).max(120),
    allowedOrigins: z.array(Origin).max(50),
    notificationSettingsUrl: PageUrl.nullable(),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateIntegrator' });
export type UpdateIntegrator = z.input<typeof UpdateIntegrator>;

/** A dealership. */
export const Account = z
  .object({
    id: Id,
    externalId: z.string().nullable(),
    name: z.string(),
    timeZone: z.string(),
    identity: IdentityMode,
    /** The password rule of the account's users (the default one unless the integrator set a stricter one). */
    passwordPolicy: PasswordPolicy,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof Account>;

export const CreateAccount = z
  .object({
    name: z.string().trim().min(1).max(120),
    externalId: ExternalId.optional(),
    timeZone: TimeZone.default('America/Toronto'),
    identity: IdentityMode.default('host'),
    passwordPolicy: AccountPasswordPolicy.optional(),
  })
  .strict()
  .meta({ id: 'CreateAccount' });
export type CreateAccount = z.input<typeof CreateAccount>;

export const UpdateAccount = z
  .object({
    name: z.string().trim().min(1).max(120),
    externalId: ExternalId.nullable(),
    timeZone: TimeZone,
    identity: IdentityMode,
    /** A stricter rule; `null` goes back to the default. */
    passwordPolicy: AccountPasswordPolicy.nullable(),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateAccount' });
export type UpdateAccount = z.input<typeof UpdateAccount>;

export const AccountList = z.object({ items: z.array(Account) }).meta({ id: 'AccountList' });

/** A user as the integrator's backend sees and manages it. */
export const User = z
  .object({
    id: Id,
    accountId: Id,
    referenceId: z.string().nullable(),
    name: z.string(),
    email: z.string().nullable(),
    language: Language,
    jobPosition: z.string().nullable(),
    role: Role,
    capabilities: z.array(Capability),
    hasPhoto: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

/** The body of `PUT /v1/accounts/{accountId}/users/{referenceId}`: create or update by the host's id. */
export const UpsertUser = z
  .object({
    name: z.string().trim().min(1).max(PROFILE_LIMITS.name),
    email: Email.nullable().optional(),
    language: Language.optional(),
    jobPosition: z.string().trim().max(PROFILE_LIMITS.jobPosition).nullable().optional(),
    role: Role.optional(),
    capabilities: z.array(Capability).max(10).optional(),
  })
  .strict()
  .meta({ id: 'UpsertUser' });
export type UpsertUser = z.input<typeof UpsertUser>;

export const UpdateUser = UpsertUser.partial().strict().meta({ id: 'UpdateUser' });
export type UpdateUser = z.input<typeof UpdateUser>;

export const AdminUserList = z.object({ items: z.array(User) }).meta({ id: 'AdminUserList' });

export const Team = z
  .object({
    id: Id,
    accountId: Id,
    externalId: z.string().nullable(),
    name: z.string(),
    memberIds: z.array(Id),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Team' });
export type Team = z.infer<typeof Team>;

export const CreateTeam = z
  .object({
    name: z.string().trim().min(1).max(120),
    externalId: ExternalId.optional(),
    memberIds: z.array(Id).max(1000).default([]),
  })
  .strict()
  .meta({ id: 'CreateTeam' });
export type CreateTeam = z.input<typeof CreateTeam>;

export const UpdateTeam = z
  .object({
    name: z.string().trim().min(1).max(120),
    externalId: ExternalId.nullable(),
    memberIds: z.array(Id).max(1000),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateTeam' });
export type UpdateTeam = z.input<typeof UpdateTeam>;

export const TeamList = z.object({ items: z.array(Team) }).meta({ id: 'TeamList' });
