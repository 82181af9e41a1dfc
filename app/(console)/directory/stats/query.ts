import { param, urlState } from "@/lib/url-state";

// The statistics page's URL: the department whose children are charted (the root when absent or malformed).
export const statsState = urlState({
  dept: param.id(),
});
