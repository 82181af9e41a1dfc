import { param, urlState } from "@/lib/url-state";

// The bot conversations page's URL: the search, private or group, and the page.
export const conversationsState = urlState({
  q: param.text({ max: 200 }),
  kind: param.oneOf(["private", "group"]),
  page: param.page(),
});
