// Every Asia/Shanghai conversion the console makes lives here.

/** DingTalk's and the console's time zone, whatever zone the server runs in. */
export const TIME_ZONE = "Asia/Shanghai";
