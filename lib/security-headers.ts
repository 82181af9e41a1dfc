// The security headers of every response the console sends (set in proxy.ts). The Content
// Security Policy allows scripts only with the request's nonce (Next puts it on its own scripts
// and inline payloads when it renders: every page here renders per request), so an injected
// <script> or an inline handler does not run; no page may be framed (clickjacking: a same-site
// page framing /settings with an admin signed in).

export interface SecurityHeaderOptions {
  /** A fresh unguessable value per request, base64. */
  nonce: string;
  /** `next dev`: React needs eval for its error overlays and stacks there, never in production. */
  dev: boolean;
  /** Where the sign-in goes (DingTalk's login page; the emulator's on another port in the demo). */
  loginOrigin: string;
  /** The console is served over https: browsers are told to keep it that way. */
  https: boolean;
}

/** Turns the value of DINGTALK_LOGIN_BASE into an origin for the policy (scheme, host, port). */
export function originOf(url: string): string {
  return new URL(url).origin;
}

export function contentSecurityPolicy({ nonce, dev, loginOrigin, https }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline styles stay allowed: React style attributes, Radix positioning and toasts write them;
    // styles cannot run code, scripts are what the nonce guards.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Forms post to the console; the sign-in may continue to DingTalk's login page.
    `form-action 'self' ${loginOrigin}`,
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Every security header, the policy included. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    // For browsers without frame-ancestors.
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/** 128 random bits, base64: the per-request nonce. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
