import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { PASSWORD_DEFAULT_POLICY, type PasswordPolicy } from '@baylink/sdk/contract';

/**
 * Password hashing with scrypt (memory-hard, built into Node: no native dependency), stored as
 * PHC strings that carry their own parameters and salt:
 *
 *     $scrypt$ln=16,r=8,p=2$<salt, base64>$<hash, base64>
 *
 * `ln` is log2(N). The cost can be raised later: hashes made with other parameters still
 * verify, and `needsRehash` tells the login route to replace them. See
 * docs/decisions/0008-password-hashing.md.
 */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  /** Block size. Memory per hash is 128 × N × r bytes. */
  r: number;
  /** Parallelism (run one after the other by Node). */
  p: number;
}

/** OWASP's scrypt setting of 64 MiB: N = 2^16, r = 8, p = 2 (about 0.3 s on our machines). */
export const DEFAULT_SCRYPT: ScryptParams = { ln: 16, r: 8, p: 2 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Parameters outside these bounds are refused when read back (a damaged or hostile row). */
const LIMITS = { ln: [10, 22], r: [1, 32], p: [1, 16] } as const;

function runScrypt(password: string, salt: Buffer, params: ScryptParams, length: number) {
  const N = 2 ** params.ln;
  const maxmem = 128 * N * params.r + 32 * 1024 * 1024;
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(
      normalize(password),
      salt,
      length,
      { N, r: params.r, p: params.p, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** The same password typed on another keyboard or OS hashes the same way. */
function normalize(password: string): string {
  return password.normalize('NFC');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

function parse(stored: string): ParsedHash | undefined {
  const match = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(
    stored,
  );
  if (!match) return undefined;
  const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  for (const key of ['ln', 'r', 'p'] as const) {
    const [min, max] = LIMITS[key];
    if (params[key] < min || params[key] > max) return undefined;
  }
  const hash = Buffer.from(match[5]!, 'base64');
  if (hash.length < 16) return undefined;
  return { params, salt: Buffer.from(match[4]!, 'base64'), hash };
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

/** Hashes and verifies passwords with one set of parameters for new hashes. */
export class PasswordHasher {
  readonly params: ScryptParams;
  #dummy: Promise<string> | undefined;

  constructor(params: Partial<ScryptParams> = {}) {
    this.params = { ...DEFAULT_SCRYPT, ...params };
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await runScrypt(password, salt, this.params, HASH_BYTES);
    const { ln, r, p } = this.params;
    return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(key)}`;
  }

  /** True when the password matches. A malformed stored hash never matches. */
  async verify(stored: string, password: string): Promise<boolean> {
    const parsed = parse(stored);
    if (!parsed) {
      // Spend the usual time anyway, so a damaged row is not told apart by timing.
      await this.verifyDummy(password);
      return false;
    }
    const key = await runScrypt(password, parsed.salt, parsed.params, parsed.hash.length);
    return timingSafeEqual(key, parsed.hash);
  }

  /**
   * Spends the time of a real verification and answers false: for a login whose address is
   * unknown, so wrong email and wrong password take the same time.
   */
  async verifyDummy(password: string): Promise<false> {
    this.#dummy ??= this.hash(randomBytes(12).toString('base64url'));
    const dummy = parse(await this.#dummy)!;
    await runScrypt(password, dummy.salt, dummy.params, dummy.hash.length);
    return false;
  }

  /** Whether a stored hash was made with other parameters than today's (replace it at login). */
  needsRehash(stored: string): boolean {
    const parsed = parse(stored);
    if (!parsed) return true;
    const { ln, r, p } = parsed.params;
    return ln !== this.params.ln || r !== this.params.r || p !== this.params.p;
  }
}

/** The account's rule: its stored rule over the default, or the default. */
export function resolvePolicy(stored: Partial<PasswordPolicy> | null | undefined): PasswordPolicy {
  return { ...PASSWORD_DEFAULT_POLICY, ...(stored ?? {}) };
}

/**
 * Every rule the password breaks, one message each (the API sends them as `details` on the
 * field `password`). Letters and digits are Unicode-aware: "é" is a letter, "٣" a digit.
 */
export function policyViolations(policy: PasswordPolicy, password: string): string[] {
  const problems: string[] = [];
  const length = [...normalize(password)].length;
  if (length < policy.minLength) {
    problems.push(`Use at least ${policy.minLength} characters`);
  }
  if (policy.requireLetter && !/\p{L}/u.test(password)) {
    problems.push('Include at least one letter');
  }
  if (policy.requireDigit && !/\p{Nd}/u.test(password)) {
    problems.push('Include at least one number');
  }
  if (policy.requireMixedCase && !(/\p{Lu}/u.test(password) && /\p{Ll}/u.test(password))) {
    problems.push('Include both capital and small letters');
  }
  if (policy.requireSymbol && !/[^\p{L}\p{Nd}\s]/u.test(password)) {
    problems.push('Include at least one symbol, such as ! or #');
  }
  return problems;
}
