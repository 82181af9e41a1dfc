import { param, urlState } from "@/lib/url-state";

// The calendar page's URL: whose calendar (a userId); the signed-in person's own when absent.
export const calendarState = urlState({
  person: param.text({ max: 64 }),
});
