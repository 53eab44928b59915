import { z } from 'zod';
import { Capability, Email, ExternalId, Id, Language, Role, Timestamp } from './common.ts';
import { PHOTO_TYPES, PROFILE_LIMITS } from './constants.ts';

/** The signed-in user's own profile (article 000, "Managing Your User Profile"). */
export const Me = z
  .object({
    id: Id,
    accountId: Id,
    name: z.string(),
    email: z.string().nullable(),
    language: Language,
    jobPosition: z.string().nullable(),
    referenceId: z.string().nullable(),
    /** A short-lived signed URL of the square photo, or null without one. */
    photoUrl: z.string().nullable(),
    role: Role,
    capabilities: z.array(Capability),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value))
    .nullable();

/** What a user may change in their own profile. Empty strings clear the optional fields. */
export const UpdateMe = z
  .object({
    name: z.string().trim().min(1, 'Name is required').max(PROFILE_LIMITS.name),
    email: Email,
    language: Language,
    jobPosition: optionalText(PROFILE_LIMITS.jobPosition),
    referenceId: optionalText(PROFILE_LIMITS.referenceId),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateMe' });
export type UpdateMe = z.input<typeof UpdateMe>;

/** What any user of the same account may see about a teammate. */
export const UserSummary = z
  .object({
    id: Id,
    name: z.string(),
    jobPosition: z.string().nullable(),
    language: Language,
    photoUrl: z.string().nullable(),
  })
  .meta({ id: 'UserSummary' });
export type UserSummary = z.infer<typeof UserSummary>;

export const UserList = z.object({ items: z.array(UserSummary) }).meta({ id: 'UserList' });
export type UserList = z.infer<typeof UserList>;

/** A team of the account as any of its users may see it (the away assignee picker lists them). */
export const TeamSummary = z
  .object({ id: Id, name: z.string(), memberIds: z.array(Id) })
  .meta({ id: 'TeamSummary' });
export type TeamSummary = z.infer<typeof TeamSummary>;

export const TeamSummaryList = z
  .object({ items: z.array(TeamSummary) })
  .meta({ id: 'TeamSummaryList' });
export type TeamSummaryList = z.infer<typeof TeamSummaryList>;

export { ExternalId, PHOTO_TYPES, PROFILE_LIMITS };
