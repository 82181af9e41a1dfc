import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const nextConfig: NextConfig = {
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/client", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "ws"],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403 when a role lacks a permission.
  experimental: { authInterrupts: true },
  // The build's static files skip proxy.ts (its matcher), which sets every other security header.
  async headers() {
    return [{ source: "/_next/static/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] }];
  },
  // Bot conversations lived at /sessions, a word the console now keeps for sign-ins.
  async redirects() {
    return [
      { source: "/sessions", destination: "/bot/conversations", permanent: true },
      { source: "/sessions/:path*", destination: "/bot/conversations/:path*", permanent: true },
    ];
  },
};

// The console's words: messages/*.json, picked per request by i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

export default withNextIntl(nextConfig);
