import { hrefFor } from './hash-location.js';

/** The element lists of a protocol (`#/http/routers`) and their detail pages. */
export type ListKind = 'routers' | 'services' | 'middlewares';

/** `#/http/routers/<name>`: the detail page of one element (the name percent-encoded). */
export const detailHref = (proto: string, kind: ListKind, name: string): string =>
  hrefFor(`/${proto}/${kind}/${encodeURIComponent(name)}`);
