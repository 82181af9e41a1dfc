import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/**
 * DingTalk sends the authorization code back as `authCode`; next-auth (through openid-client)
 * reads only `code`, so the callback request is given both.
 */
function withStandardCode(req: NextRequest): NextRequest {
  const url = req.nextUrl;
  const authCode = url.searchParams.get("authCode");
  if (!authCode || url.searchParams.has("code")) return req;
  const fixed = url.clone();
  fixed.searchParams.set("code", authCode);
  return new NextRequest(fixed, req);
}

function handler(req: NextRequest, ctx: RouteContext) {
  return NextAuth(withStandardCode(req) as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
