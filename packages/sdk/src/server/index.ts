export { type MintUserTokenOptions, mintUserToken } from './tokens.ts';
