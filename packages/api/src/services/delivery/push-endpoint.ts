import { DEFAULT_PUSH_SERVICE_HOSTS } from '@baylink/sdk/contract';
import ipaddr from 'ipaddr.js';

/** Which push subscription endpoints are accepted (and pushed to). */
export interface EndpointPolicy {
  /**
   * Push service hosts; an entry matches the host itself and its subdomains
   * (default `DEFAULT_PUSH_SERVICE_HOSTS`: FCM, Mozilla, Apple, Microsoft).
   */
  allowedHosts?: readonly string[] | undefined;
  /**
   * Tests only: accept endpoints on a loopback address (any port), such as the fake push
   * service on 127.0.0.1. Private and other special addresses stay refused.
   */
  allowLoopback?: boolean | undefined;
}

const hostMatches = (host: string, entry: string) => host === entry || host.endsWith(`.${entry}`);

/**
 * Why an endpoint a browser handed us must not be used, or null when it may. Endpoints are URLs
 * we will POST to, so this is the SSRF guard: `https:` only, no credentials in the URL, a host
 * on the allowlist on the default port, and never a literal private, loopback or otherwise
 * special address (checked with ipaddr.js, IPv4-mapped IPv6 included).
 */
export function pushEndpointProblem(endpoint: string, policy: EndpointPolicy = {}): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'Must be a URL';
  }
  if (url.protocol !== 'https:') return 'Must be an https: URL';
  if (url.username || url.password) return 'Must not carry a user name or password';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (ipaddr.isValid(host)) {
    const range = ipaddr.process(host).range();
    if (range === 'loopback' && policy.allowLoopback) return null;
    if (range !== 'unicast') return `Must not be a ${rangeName(range)} address`;
  }
  const allowed = policy.allowedHosts ?? DEFAULT_PUSH_SERVICE_HOSTS;
  if (!allowed.some((entry) => hostMatches(host, entry))) {
    return `Must be on a known push service (${allowed.join(', ')}), not ${host}`;
  }
  if (url.port !== '') return 'Must use the default https port';
  return null;
}

function rangeName(range: string): string {
  switch (range) {
    case 'loopback':
      return 'loopback';
    case 'private':
    case 'uniqueLocal':
      return 'private';
    case 'linkLocal':
      return 'link-local';
    default:
      return `special (${range})`;
  }
}

/** The push service's origin of an endpoint (the VAPID token's audience). */
export const pushServiceOrigin = (endpoint: string) => new URL(endpoint).origin;
