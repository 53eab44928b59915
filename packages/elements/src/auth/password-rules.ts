import type { PasswordPolicy } from './sdk-types.ts';

/**
 * The article's rule ("at least 6 characters, letters and numbers included"): the default
 * policy of every account, and the one the reset page checks against when the host gives none
 * (the API checks the account's own policy in any case). Same values as the contract's
 * `PASSWORD_DEFAULT_POLICY`.
 */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 6,
  requireLetter: true,
  requireDigit: true,
  requireMixedCase: false,
  requireSymbol: false,
};

/** The longest password the API takes. */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordRuleId = 'length' | 'letter' | 'digit' | 'mixedCase' | 'symbol';

export interface PasswordRule {
  id: PasswordRuleId;
  /** Whether `password` satisfies the rule. */
  test(password: string): boolean;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;
const SYMBOL = /[^\p{L}\p{Nd}\s]/u;

/** The rules a policy asks for, in the order they are listed to the user. */
export function passwordRules(policy: PasswordPolicy): PasswordRule[] {
  const rules: PasswordRule[] = [
    { id: 'length', test: (password) => Array.from(password).length >= policy.minLength },
  ];
  if (policy.requireLetter) rules.push({ id: 'letter', test: (password) => LETTER.test(password) });
  if (policy.requireDigit) rules.push({ id: 'digit', test: (password) => DIGIT.test(password) });
  if (policy.requireMixedCase) {
    rules.push({
      id: 'mixedCase',
      test: (password) => LOWER.test(password) && UPPER.test(password),
    });
  }
  if (policy.requireSymbol) rules.push({ id: 'symbol', test: (password) => SYMBOL.test(password) });
  return rules;
}

/** The rules `password` does not meet yet. */
export function unmetRules(policy: PasswordPolicy, password: string): PasswordRuleId[] {
  return passwordRules(policy)
    .filter((rule) => !rule.test(password))
    .map((rule) => rule.id);
}
