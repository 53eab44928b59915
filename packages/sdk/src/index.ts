export { createClient } from './client/create-client.ts';
export { BaylinkError, isBaylinkError } from './client/error.ts';
export type {
  BaylinkClient,
  ClientOptions,
  MeModule,
  MeState,
  RequestStatus,
  Store,
  TokenSource,
  UploadOptions,
  UploadProgress,
  UsersModule,
} from './client/types.ts';
export type { Capability, Language, Role } from './contract/common.ts';
export {
  API_KEY_PREFIX,
  CAPABILITIES,
  LANGUAGES,
  PHOTO_TYPES,
  PROFILE_LIMITS,
  ROLES,
} from './contract/constants.ts';
export type { ErrorBody, ErrorCode, ErrorDetail } from './contract/errors.ts';
export type { Me, UpdateMe, UserList, UserSummary } from './contract/profile.ts';
