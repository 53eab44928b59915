import type { Me, User, UserSummary } from '@baylink/sdk/contract';
import type { AppDeps, UserRow } from '../../lib/types.ts';
import { signPath } from '../../services/signed-urls.ts';

export const USER_COLUMNS =
  'account_id, id, reference_id, name, email, language, job_position, role, capabilities, photo_key, created_at, updated_at';

/** The key of a photo in the file store. */
export function photoFileKey(accountId: string, userId: string, photoKey: string): string {
  return `photos/${accountId}/${userId}/${photoKey}.webp`;
}

export function photoUrl(deps: AppDeps, row: UserRow): string | null {
  if (!row.photo_key) return null;
  const path = `/v1/files/photos/${row.account_id}/${row.id}/${row.photo_key}.webp`;
  const signed = signPath(deps.fileUrlKey, path, deps.now?.() ?? new Date());
  return deps.publicUrl ? `${deps.publicUrl}${signed}` : signed;
}

export function toMe(deps: AppDeps, row: UserRow): Me {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    email: row.email,
    language: row.language,
    jobPosition: row.job_position,
    referenceId: row.reference_id,
    photoUrl: photoUrl(deps, row),
    role: row.role,
    capabilities: row.capabilities,
    updatedAt: row.updated_at,
  };
}

export function toUserSummary(deps: AppDeps, row: UserRow): UserSummary {
  return {
    id: row.id,
    name: row.name,
    jobPosition: row.job_position,
    language: row.language,
    photoUrl: photoUrl(deps, row),
  };
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    accountId: row.account_id,
    referenceId: row.reference_id,
    name: row.name,
    email: row.email,
    language: row.language,
    jobPosition: row.job_position,
    role: row.role,
    capabilities: row.capabilities,
    hasPhoto: row.photo_key !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Turns a unique-violation on users into the field the caller got wrong. */
export function userConflictField(error: unknown): 'email' | 'referenceId' | undefined {
  const e = error as { code?: string; constraint_name?: string };
  if (e?.code !== '23505') return undefined;
  if (e.constraint_name?.includes('email')) return 'email';
  if (e.constraint_name?.includes('reference')) return 'referenceId';
  return undefined;
}
