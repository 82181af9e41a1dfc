import { ROOT_DEPT_ID } from "@/lib/directory/sync/store";
import { param, urlState } from "@/lib/url-state";

// The departments page's URL: which department, its members' page (or DingTalk's cursor before
// the first sync), and the department search. Malformed values fall back to the defaults.
export const departmentsState = urlState({
  dept: param.id(ROOT_DEPT_ID),
  page: param.page(),
  cursor: param.int({ min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0, clamp: false }),
  q: param.text({ max: 50, fallback: "" }),
});

// One level of the tree, fetched as a node opens: no parent means the top level.
export const childrenState = urlState({
  parent: param.id(),
});
