import { param, urlState } from "@/lib/url-state";

// The sign-in page's URL: the error Auth.js sends back, and where to go once signed in.
export const loginState = urlState({
  error: param.text({ max: 64 }),
  callbackUrl: param.text({ max: 2000 }),
});

// The refusal page's URL: why, and DingTalk's own words when it was DingTalk that refused.
export const deniedState = urlState({
  reason: param.text({ max: 32 }),
  detail: param.text({ max: 300 }),
});
