import type { PushUnsupportedReason } from '../types.ts';

/**
 * What decides whether this page may ask for browser notifications. Read from the page's
 * globals by `readPushEnvironment()`; a plain object so the rules can be tested anywhere.
 */
export interface PushEnvironment {
  /** `window.isSecureContext` (https, or http on localhost). */
  secureContext: boolean;
  /** `'serviceWorker' in navigator`. */
  serviceWorker: boolean;
  /** `'PushManager' in window`. */
  pushManager: boolean;
  /** `'Notification' in window`. */
  notification: boolean;
  userAgent: string;
  /** `navigator.maxTouchPoints` (an iPad asking for the desktop site says "Macintosh"). */
  maxTouchPoints: number;
  /** Opened from the Home Screen: `display-mode: standalone`, or Safari's `navigator.standalone`. */
  standalone: boolean;
  /** The page runs in a frame whose top-level page (or any ancestor) is on another origin. */
  crossOriginFrame: boolean;
}

export type PushSupport =
  | { supported: true; reason: null }
  | { supported: false; reason: PushUnsupportedReason };

/** iPhone, iPod and iPad, including an iPad that asks for desktop sites (it says "Macintosh"). */
export function isAppleMobile(userAgent: string, maxTouchPoints: number): boolean {
  if (/\b(iPhone|iPad|iPod)\b/.test(userAgent)) return true;
  return /\bMacintosh\b/.test(userAgent) && maxTouchPoints > 1;
}

/**
 * Whether this page can subscribe to browser notifications, and if not, the first reason that
 * a person could act on: a secure context, then a top-level page (browsers refuse the prompt in a
 * cross-origin iframe), then iOS's rule (only a web app added to the Home Screen may ask,
 * iOS 16.4 and later), then the APIs themselves.
 */
export function detectPushSupport(env: PushEnvironment): PushSupport {
  if (!env.secureContext) return { supported: false, reason: 'insecure-context' };
  if (env.crossOriginFrame) return { supported: false, reason: 'cross-origin-frame' };
  if (isAppleMobile(env.userAgent, env.maxTouchPoints) && !env.standalone) {
    return { supported: false, reason: 'ios-needs-home-screen' };
  }
  if (!env.serviceWorker || !env.pushManager || !env.notification) {
    return { supported: false, reason: 'no-push-api' };
  }
  return { supported: true, reason: null };
}

/** True when this frame's top-level page, or any frame between, is on another origin. */
function inCrossOriginFrame(win: Window): boolean {
  if (win.top === win.self) return false;
  const ancestors = win.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) {
    for (let index = 0; index < ancestors.length; index += 1) {
      if (ancestors[index] !== win.location.origin) return true;
    }
    return false;
  }
  try {
    // Reading another origin's location throws.
    return win.top?.location.origin !== win.location.origin;
  } catch {
    return true;
  }
}

/** The environment of the current page (outside a browser: nothing is supported). */
export function readPushEnvironment(): PushEnvironment {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') {
    return {
      secureContext: false,
      serviceWorker: false,
      pushManager: false,
      notification: false,
      userAgent: '',
      maxTouchPoints: 0,
      standalone: false,
      crossOriginFrame: false,
    };
  }
  const standalone =
    (navigator as Navigator & { standalone?: boolean }).standalone === true ||
    (typeof window.matchMedia === 'function' &&
      window.matchMedia('(display-mode: standalone)').matches);
  return {
    secureContext: window.isSecureContext === true,
    serviceWorker: 'serviceWorker' in navigator,
    pushManager: 'PushManager' in window,
    notification: 'Notification' in window,
    userAgent: navigator.userAgent ?? '',
    maxTouchPoints: navigator.maxTouchPoints ?? 0,
    standalone,
    crossOriginFrame: inCrossOriginFrame(window),
  };
}
