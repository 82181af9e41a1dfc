import { param, urlState } from "@/lib/url-state";

// The 离职记录 page's URL: the first and last day, as typed (the page says when they are not a range).
export const leaversState = urlState({
  from: param.text({ max: 10 }),
  to: param.text({ max: 10 }),
});
