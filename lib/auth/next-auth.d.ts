import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    /** The console session id; revocable in the database. */
    sid?: string;
    userId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
    unionId?: string;
  }
}
