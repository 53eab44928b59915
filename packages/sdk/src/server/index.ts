export { BaylinkError, isBaylinkError } from '../client/error.ts';
export type {
  Account,
  CreateAccount,
  CreateTeam,
  Integrator,
  Team,
  UpdateAccount,
  UpdateIntegrator,
  UpdateTeam,
  UpdateUser,
  UpsertUser,
  User,
} from '../contract/admin.ts';
export type { ErrorCode, ErrorDetail } from '../contract/errors.ts';
export {
  type AccountsModule,
  createServerClient,
  type IntegratorModule,
  type ServerClient,
  type ServerClientOptions,
  type TeamsModule,
  type UsersModule,
} from './create-server-client.ts';
export { type MintUserTokenOptions, mintUserToken } from './tokens.ts';
