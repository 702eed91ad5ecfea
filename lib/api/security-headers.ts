/**
 * Headers every response carries (next.config.ts applies them to every path; proxy.ts to the answers it makes
 * itself). The page loads nothing from elsewhere, so the policy is 'self' throughout. Next.js writes its
 * hydration data as inline scripts and Recharts styles inline, hence 'unsafe-inline' for those two; the dev
 * server's fast refresh also needs eval.
 */
export function contentSecurityPolicy(dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
  };
}
