import { param, urlState } from "@/lib/url-state";

// The docs pages' URLs: a pasted document link to open, and the routes the tree and the editor
// fetch from (a folder's children, a document's current content). Node ids are DingTalk's text ids.
export const openState = urlState({ url: param.text({ max: 500, fallback: "" }) });
export const childrenState = urlState({ parent: param.text({ max: 64 }) });
export const contentState = urlState({ node: param.text({ max: 64 }) });
