import { param, urlState } from "@/lib/url-state";

// The 未登录 page's URL: the day asked about, as typed (the page says when it is not a real day).
export const inactiveState = urlState({
  date: param.text({ max: 10 }),
});
