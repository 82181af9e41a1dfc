import { NextResponse, type NextRequest } from "next/server";
import { newNonce, originOf, securityHeaders } from "@/lib/security-headers";

// Runs before every request but the build's static files: a fresh nonce, and the security
// headers on the response. Next reads the nonce from the request's Content-Security-Policy header
// and puts it on the scripts it renders.

const loginOrigin = originOf(process.env.DINGTALK_LOGIN_BASE?.trim() || "https://login.dingtalk.com");
const https = (process.env.NEXTAUTH_URL ?? "").trim().startsWith("https://");
const dev = process.env.NODE_ENV === "development";

/** Whether the path's %-escapes decode (Next's router throws on one that does not, answering 500). */
function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const headers = securityHeaders({ nonce, dev, loginOrigin, https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  // An address with a broken escape names no page: the not-found page rather than the router's 500.
  const response = decodable(request.nextUrl.pathname)
    ? NextResponse.next({ request: { headers: requestHeaders } })
    : NextResponse.rewrite(new URL("/not-found-address", request.url), { request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Build output under /_next/static and /_next/image is immutable and carries no page; next.config.ts gives it nosniff.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
